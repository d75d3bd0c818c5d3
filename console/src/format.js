let zone = "Asia/Shanghai";
export const setZone = (value) => (zone = value);

/** "11-23 10:00" in the deployment's zone. */
export function shortTime(iso) {
  if (!iso) return "";
  return new Intl.DateTimeFormat("zh-CN", { timeZone: zone, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(
    new Date(iso),
  );
}

export const COLOUR_TAG = { red: "danger", orange: "warning", yellow: "warning", blue: "primary" };

export const percent = (ratio) => (ratio && ratio.rate !== null ? `${Math.round(ratio.rate * 1000) / 10}%` : "—");

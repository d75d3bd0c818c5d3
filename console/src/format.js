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

/** "2026-11-25" (the day in the deployment's zone), to put a meeting on its calendar day. */
export function dayOf(iso) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
  return parts.slice(0, 10);
}

/** "19:30" in the deployment's zone. */
export function clockTime(iso) {
  return new Intl.DateTimeFormat("zh-CN", { timeZone: zone, hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));
}

/** "11月25日 周三" in the deployment's zone. */
export function dayLabel(iso) {
  return new Intl.DateTimeFormat("zh-CN", { timeZone: zone, month: "long", day: "numeric", weekday: "short" }).format(new Date(iso));
}

/** This month as "2026-11" in the deployment's zone. */
export const thisMonth = () => dayOf(new Date().toISOString()).slice(0, 7);

export const STAGE_TAG = { upcoming: "primary", underway: "success", held: "info", cancelled: "danger" };
export const FOLLOW_UP_TAG = { undecided: "info", decided: "warning", overdue: "danger", done: "success" };

/** Whether the page is as narrow as a phone's (the layout switches from tables and a calendar to cards and a list). */
export const isNarrow = () => window.innerWidth < 600;

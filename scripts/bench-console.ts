/**
 * The staff console (工作台) at a county's scale: seed a county (npm run seed:county) into DATABASE_URL, then
 *
 *   DATABASE_URL=file:/tmp/county.db npm run bench:console -- [--at 2026-11-23T02:00:00Z] [--runs 5]
 *
 * signs the county's department member in and measures, over HTTP against the app: the board's first page,
 * filtered pages, a page deep in by cursor, the county's statistics page, its per-staff figures (a month, a
 * year), the 月度通报 workbook, and a year's export as CSV and
 * .xlsx streamed (wall time, bytes, and the growth of the process's RSS while it streams). Prints one JSON
 * line last. Reads only (sign-in writes its own two rows).
 */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createBot } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createSignInLink } from "../src/features/console/sessions.ts";
import { createLogger } from "../src/logger.ts";
import { absoluteDatabaseUrl, inTransaction, openDatabase, tuneDatabase } from "../src/store/database.ts";

const { values } = parseArgs({
  options: {
    at: { type: "string", default: "2026-11-23T02:00:00Z" },
    runs: { type: "string", default: "5" },
    member: { type: "string", default: "lc-u-county-dept" },
  },
});
if (existsSync(".env")) process.loadEnvFile(".env");
const now = new Date(values.at);
const runs = Number(values.runs);
const db = openDatabase(absoluteDatabaseUrl(process.env.DATABASE_URL ?? "file:./data/yishi.db"));
await tuneDatabase(db);
const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "bench-admin-token-0123456789", () => now);
const server = bot.app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const link = await inTransaction(db, (tx) => createSignInLink(tx, values.member, now, base));
const signedIn = await fetch(`${base}/console/api/session`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ token: new URL(link.url).hash.split("/").at(-1) }),
});
if (signedIn.status !== 201) throw new Error(`sign-in answered ${signedIn.status}`);
const cookie = /yishi_console=[^;]+/.exec(signedIn.headers.getSetCookie().join("\n"))![0];

async function get(path: string): Promise<{ ms: number; bytes: number; body: Buffer }> {
  const started = performance.now();
  const response = await fetch(base + path, { headers: { cookie } });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${body.toString().slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: body.length, body };
}

const figures: Record<string, number> = {};
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

async function measure(name: string, path: string) {
  await get(path); // warm: statements prepared, pages cached, as a server that has been up a while
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await get(path)).ms);
  figures[`${name}_median_ms`] = Math.round(median(times));
  figures[`${name}_max_ms`] = Math.round(Math.max(...times));
  console.error(
    `${name.padEnd(22)} median ${median(times).toFixed(0).padStart(5)} ms   max ${Math.max(...times)
      .toFixed(0)
      .padStart(5)} ms`,
  );
}

await measure("board_first_page", "/console/api/tickets");
await measure("board_filtered", "/console/api/tickets?status=open&colour=yellow&category=repair");
await measure("board_overdue_deadline", "/console/api/tickets?overdue=1&sort=deadline");
await measure("board_search", `/console/api/tickets?q=${encodeURIComponent("楼道")}`);
let after = "";
for (let i = 0; i < 20; i++)
  after = (JSON.parse((await get(`/console/api/tickets${after ? `?after=${after}` : ""}`)).body.toString()) as { next: string }).next;
await measure("board_page_21", `/console/api/tickets?after=${after}`);
await measure("stats_county_month", "/console/api/stats?period=本月");
await measure("stats_staff_county_month", "/console/api/stats/staff?period=本月");
await measure("stats_staff_county_year", `/console/api/stats/staff?from=${encodeURIComponent(new Date(now.getTime() - 365 * 86_400_000).toISOString())}`);
await measure("report_county_month_xlsx", "/console/api/report.xlsx?period=本月");

const yearFrom = new Date(now.getTime() - 365 * 86_400_000).toISOString();
for (const format of ["csv", "xlsx"]) {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  // Read as it arrives and dropped: the growth measured is the server's, not a client holding the file.
  const started = performance.now();
  const response = await fetch(`${base}/console/api/export.${format}?from=${encodeURIComponent(yearFrom)}`, { headers: { cookie } });
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
  const ms = performance.now() - started;
  clearInterval(sampler);
  figures[`export_year_${format}_ms`] = Math.round(ms);
  figures[`export_year_${format}_mb`] = Math.round(bytes / 1e5) / 10;
  figures[`export_year_${format}_rss_growth_mb`] = Math.round((peak - rssBefore) / 1e5) / 10;
  console.error(
    `export ${format.padEnd(15)} ${ms.toFixed(0).padStart(7)} ms   ${(bytes / 1e6).toFixed(1)} MB   RSS +${((peak - rssBefore) / 1e6).toFixed(1)} MB`,
  );
}
server.close();
await db.close();
console.log(JSON.stringify(figures));

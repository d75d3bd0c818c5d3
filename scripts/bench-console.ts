/**
 * The staff console (工作台) at a county's scale: seed a county (npm run seed:county) into one database or two, then
 *
 *   DATABASE_URL=file:/tmp/county.db npm run bench:console -- [--at 2026-11-23T02:00:00Z] [--runs 5]
 *   npm run bench:console -- --sqlite file:/tmp/county.db --postgres postgresql://…/county [--only stats_staff]
 *
 * signs the county's department member in and measures, over HTTP against the app: the board's first page,
 * filtered pages, a page deep in by cursor, the county's statistics page, its per-staff figures (a month, a
 * year), the 月度通报 workbook, and a year's export as CSV and .xlsx streamed (wall time, bytes, and the growth
 * of the process's RSS while it streams). Given both databases, each request is measured on one and then the
 * other, in the same run, and printed side by side. `--only` keeps the requests whose name starts with one of
 * its comma-separated prefixes. Prints one JSON line last. Reads only (sign-in writes its own two rows).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createBot } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createSignInLink } from "../src/features/console/sessions.ts";
import { createLogger } from "../src/logger.ts";
import { absoluteDatabaseUrl, inTransaction, openDatabase, tuneDatabase, type Database } from "../src/store/database.ts";

const { values } = parseArgs({
  options: {
    at: { type: "string", default: "2026-11-23T02:00:00Z" },
    runs: { type: "string", default: "5" },
    member: { type: "string", default: "lc-u-county-dept" },
    sqlite: { type: "string" },
    postgres: { type: "string" },
    only: { type: "string" },
  },
});
if (existsSync(".env")) process.loadEnvFile(".env");
const now = new Date(values.at);
const runs = Number(values.runs);
const wanted = values.only?.split(",").filter(Boolean) ?? [];
const included = (name: string) => wanted.length === 0 || wanted.some((prefix) => name.startsWith(prefix));

interface Target {
  name: string;
  db: Database;
  server: Server;
  base: string;
  cookie: string;
}

async function open(name: string, url: string): Promise<Target> {
  const db = openDatabase(absoluteDatabaseUrl(url));
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
  if (signedIn.status !== 201) throw new Error(`${name}: sign-in answered ${signedIn.status}`);
  const cookie = /yishi_console=[^;]+/.exec(signedIn.headers.getSetCookie().join("\n"))![0];
  return { name, db, server, base, cookie };
}

const urls: [string, string][] = [];
if (values.sqlite) urls.push(["sqlite", values.sqlite]);
if (values.postgres) urls.push(["postgres", values.postgres]);
if (urls.length === 0)
  urls.push([process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite", process.env.DATABASE_URL ?? "file:./data/yishi.db"]);
const targets: Target[] = [];
for (const [name, url] of urls) targets.push(await open(name, url));

async function get(target: Target, path: string): Promise<{ ms: number; bytes: number; body: Buffer }> {
  const started = performance.now();
  const response = await fetch(target.base + path, { headers: { cookie: target.cookie } });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${target.name} ${path} answered ${response.status}: ${body.toString().slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: body.length, body };
}

/** Figures by database: `{ sqlite: { board_first_page_median_ms: … }, postgres: { … } }`, or flat with one database. */
const figures: Record<string, Record<string, number>> = Object.fromEntries(targets.map((target) => [target.name, {}]));
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
console.error(`${"request".padEnd(26)}${targets.map((target) => `${target.name} median / max`.padStart(26)).join("")}`);

async function measure(name: string, path: string | ((target: Target) => Promise<string>)) {
  if (!included(name)) return;
  const cells: string[] = [];
  for (const target of targets) {
    const resolved = typeof path === "string" ? path : await path(target);
    await get(target, resolved); // warm: statements prepared, pages cached, as a server that has been up a while
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await get(target, resolved)).ms);
    figures[target.name]![`${name}_median_ms`] = Math.round(median(times));
    figures[target.name]![`${name}_max_ms`] = Math.round(Math.max(...times));
    cells.push(`${median(times).toFixed(0)} / ${Math.max(...times).toFixed(0)} ms`.padStart(26));
  }
  console.error(`${name.padEnd(26)}${cells.join("  ")}`);
}

/** The cursor of the board's 21st page. */
async function page21(target: Target): Promise<string> {
  let after = "";
  for (let i = 0; i < 20; i++)
    after = (JSON.parse((await get(target, `/console/api/tickets${after ? `?after=${after}` : ""}`)).body.toString()) as { next: string }).next;
  return `/console/api/tickets?after=${after}`;
}

const yearFrom = new Date(now.getTime() - 365 * 86_400_000).toISOString();
await measure("board_first_page", "/console/api/tickets");
await measure("board_filtered", "/console/api/tickets?status=open&colour=yellow&category=repair");
await measure("board_overdue_deadline", "/console/api/tickets?overdue=1&sort=deadline");
await measure("board_search", `/console/api/tickets?q=${encodeURIComponent("楼道")}`);
await measure("board_page_21", page21);
await measure("stats_county_month", "/console/api/stats?period=本月");
await measure("stats_staff_county_month", "/console/api/stats/staff?period=本月");
await measure("stats_staff_county_year", `/console/api/stats/staff?from=${encodeURIComponent(yearFrom)}`);
await measure("report_county_month_xlsx", "/console/api/report.xlsx?period=本月");

// The exports' bytes, hashed: the same data gives the same file on either database and before and after a change.
const sha256: Record<string, string> = {};
for (const format of ["csv", "xlsx"]) {
  if (!included(`export_year_${format}`)) continue;
  const cells: string[] = [];
  for (const target of targets) {
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    // Read as it arrives and dropped: the growth measured is the server's, not a client holding the file.
    const started = performance.now();
    const response = await fetch(`${target.base}/console/api/export.${format}?from=${encodeURIComponent(yearFrom)}`, { headers: { cookie: target.cookie } });
    let bytes = 0;
    const digest = createHash("sha256");
    for await (const chunk of response.body!) {
      bytes += (chunk as Uint8Array).length;
      digest.update(chunk as Uint8Array);
    }
    const ms = performance.now() - started;
    clearInterval(sampler);
    const own = figures[target.name]!;
    own[`export_year_${format}_ms`] = Math.round(ms);
    own[`export_year_${format}_mb`] = Math.round(bytes / 1e5) / 10;
    own[`export_year_${format}_rss_growth_mb`] = Math.round((peak - rssBefore) / 1e5) / 10;
    cells.push(`${ms.toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB, RSS +${((peak - rssBefore) / 1e6).toFixed(1)} MB`.padStart(26));
    sha256[`${target.name}_${format}`] = digest.digest("hex").slice(0, 16);
  }
  console.error(`${`export ${format}`.padEnd(26)}${cells.join("  ")}`);
}
if (Object.keys(sha256).length) console.error(`export sha256 (first 16): ${JSON.stringify(sha256)}`);
for (const target of targets) {
  target.server.close();
  await target.db.close();
}
console.log(JSON.stringify(targets.length === 1 ? figures[targets[0]!.name] : figures));

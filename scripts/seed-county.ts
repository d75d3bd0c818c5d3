/**
 * Fills DATABASE_URL with a synthetic county shaped like Lanling (see src/store/seedCounty.ts):
 *
 *   DATABASE_URL=file:./data/county.db npm run seed:county -- --tickets 100000
 *
 * Prints one JSON line last: {"county", "staffGroup", "staffUser", "tickets"}.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { absoluteDatabaseUrl } from "../src/store/database.ts";
import { applyMigrations } from "../src/store/migrate.ts";
import { seedCounty } from "../src/store/seedCounty.ts";

const { values } = parseArgs({ options: { tickets: { type: "string", default: "100000" }, at: { type: "string" } } });
const tickets = Number(values.tickets);
if (!Number.isSafeInteger(tickets) || tickets < 0) {
  console.error("用法：npm run seed:county -- --tickets <N> [--at <ISO 时间>]");
  process.exit(2);
}
if (existsSync(".env")) process.loadEnvFile(".env");
const databaseUrl = absoluteDatabaseUrl(process.env.DATABASE_URL ?? "file:./data/yishi.db");
await applyMigrations(databaseUrl);
const started = performance.now();
const seed = await seedCounty(databaseUrl, tickets, values.at ? new Date(values.at) : new Date());
console.error(`seeded ${tickets} tickets in ${Math.round(performance.now() - started)} ms`);
console.log(JSON.stringify(seed));

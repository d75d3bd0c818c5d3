/**
 * The server side of `npm run bench`: either the bot (WeCom robot on, one bound group) on a temporary SQLite
 * file (`sqlite`) or a scratch PostgreSQL database on the server named by the next argument (`postgres URL`),
 * or a bare Koa route that answers 200 and does nothing (`bare`). Prints its port as a JSON line; on "usage"
 * from the parent answers with its CPU time so far and peak RSS, on "report" with its peak RSS and exits.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Koa from "koa";
import { createBot } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { openDatabase, tuneDatabase } from "../src/store/database.ts";
import { seedDemo } from "../src/platforms/sandbox/demoSeed.ts";
import { applyMigrations } from "../src/store/migrate.ts";
import { scratchPostgresDatabase } from "./db/scratchPostgres.ts";
import { enrolMember, upsertGroupBinding, upsertMembership } from "../src/store/org.ts";
import { BENCH_CHAT, BENCH_ROBOT, BURST_RESIDENTS } from "./bench-keys.ts";

const mode = process.argv[2];
let app: Koa;
let cleanup: () => unknown = () => {};
let closeDatabase: () => Promise<void> = () => Promise.resolve();
if (mode === "bare") {
  app = new Koa();
  app.use((ctx) => {
    ctx.status = 200;
    ctx.body = "";
  });
} else {
  let url: string;
  if (mode === "postgres") {
    const scratch = await scratchPostgresDatabase(process.argv[3]!, "yishi_bench");
    url = scratch.url;
    cleanup = scratch.drop;
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-bench-"));
    cleanup = () => rmSync(dir, { recursive: true, force: true });
    url = `file:${path.join(dir, "bench.db")}`;
    await applyMigrations(url);
  }
  const db = openDatabase(url);
  closeDatabase = () => db.close();
  await tuneDatabase(db);
  await seedDemo(db);
  await upsertGroupBinding(db, { platform: "wecom", chatId: BENCH_CHAT, unitId: "xq-yangguang", kind: "residents", name: "压测群" });
  // The burst scenario's 200 residents, members of the sandbox's 阳光花园 group.
  for (let i = 0; i < BURST_RESIDENTS; i++) {
    const member = await enrolMember(db, "sandbox", `burst-${i}`, `居民${i}`);
    await upsertMembership(db, "g-yangguang", member.id, "resident");
  }
  const config = loadConfig({
    LOG_LEVEL: "silent",
    SANDBOX_ENABLED: "true",
    WECOM_BOT_TOKEN: BENCH_ROBOT.token,
    WECOM_BOT_ENCODING_AES_KEY: BENCH_ROBOT.encodingAESKey,
  });
  app = createBot(config, db, createLogger("silent"), "bench-admin-token-0123456789").app;
}
const server = app.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.on("message", (message) => {
  if (message === "usage") {
    const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
    process.send!({ cpuMs: (userCPUTime + systemCPUTime) / 1000, maxRssMb: maxRSS / 1024 });
  } else if (message === "report") {
    process.send!({ maxRssMb: process.resourceUsage().maxRSS / 1024 });
    server.close();
    void closeDatabase()
      .then(() => cleanup())
      .finally(() => process.exit(0));
  }
});

import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PropertyResult } from "../../scripts/multiInstance/checks.ts";
import { DEFAULT_RUN, runMultiInstance, type RunResult } from "../../scripts/multiInstance/run.ts";
import { createPostgresDatabase } from "../helpers/testDatabase.ts";

/**
 * Issue #19 item 4, smaller than `npm run test:multi-instance` (600 messages) so that it fits a test run on the
 * shared 2-core machine: three `node dist/main.js` on one empty PostgreSQL database (migrated by the three as
 * they start), 90 messages sprayed across them with every fifth raced to two instances at once, the first
 * instance killed with SIGKILL after 40% of them and started again. Each property is its own case, so a
 * failure names the one that broke.
 */
const MESSAGES = 90;

let result: RunResult;
let drop: () => Promise<void>;

beforeAll(async () => {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { cwd: root, stdio: "ignore" });
  const database = await createPostgresDatabase({ empty: true });
  drop = database.drop;
  result = await runMultiInstance({ ...DEFAULT_RUN, databaseUrl: database.url, messages: MESSAGES, communities: 30, log: () => {} });
}, 600_000);

afterAll(async () => {
  await drop?.();
});

const named = (prefix: string): PropertyResult => {
  const found = result.properties.find((property) => property.name.startsWith(prefix));
  if (!found) throw new Error(`no property ${prefix}`);
  return found;
};

/** The property's own figures are the failure message. */
const expectHolds = (property: PropertyResult) => expect(property.ok, `${property.name}: ${property.detail}`).toBe(true);

describe("three instances on one PostgreSQL database, one killed with SIGKILL and restarted", () => {
  it("answers every message in the end (the platform retries those a dead instance dropped)", () => {
    expectHolds(named("every message acknowledged"));
  });

  it("makes exactly one ticket of each message, raced retries and the kill included", () => {
    expectHolds(named("exactly one ticket per message"));
  });

  it("loses no message it acknowledged", () => {
    expectHolds(named("nothing acknowledged lost"));
  });

  it("delivers every queued post to the platform", () => {
    expectHolds(named("no post lost"));
  });

  it("delivers no post twice", () => {
    expectHolds(named("no post sent twice"));
  });

  it("runs each tick of a job on one instance only", () => {
    expectHolds(named("each job once per tick"));
  });

  it("shows an organisation change made through one instance to the others within a second", () => {
    expectHolds(named("organisation change seen"));
  });
});

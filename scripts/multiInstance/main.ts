/**
 * The multi-instance test (issue #19 item 4), from the command line:
 *
 *   npm run test:multi-instance -- [--instances 3] [--messages 600] [--concurrency 12]
 *
 * Runs on a database of its own: created on TEST_DATABASE_URL_BASE (postgresql://user@host:port) when set,
 * otherwise on a throwaway cluster started here (scripts/db/pgCluster.ts). Needs `npm run build` (it is run
 * when dist/ is stale). Prints each property with PASS or FAIL and the figures; exits 1 when any fails.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startCluster, stopCluster, type PgCluster } from "../db/pgCluster.ts";
import { DEFAULT_RUN, runMultiInstance } from "./run.ts";
import { printSummary } from "./summary.ts";

const { values } = parseArgs({
  options: {
    instances: { type: "string", default: String(DEFAULT_RUN.instances) },
    messages: { type: "string", default: String(DEFAULT_RUN.messages) },
    concurrency: { type: "string", default: String(DEFAULT_RUN.concurrency) },
  },
});

const root = path.resolve(import.meta.dirname, "../..");
execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });

let cluster: PgCluster | undefined;
const urlBase = process.env.TEST_DATABASE_URL_BASE?.replace(/\/+$/, "") || (cluster = await startCluster()).urlBase;
const name = `multi_instance_${process.pid}`;
const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: `${urlBase}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};
await admin(`CREATE DATABASE "${name}"`);
try {
  const result = await runMultiInstance({
    ...DEFAULT_RUN,
    databaseUrl: `${urlBase}/${name}`,
    instances: Number(values.instances),
    messages: Number(values.messages),
    concurrency: Number(values.concurrency),
    log: (line) => console.error(line),
  });
  printSummary(result, (line) => console.log(line));
  if (result.properties.some((property) => !property.ok)) process.exitCode = 1;
} finally {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  if (cluster) stopCluster(cluster);
}

/**
 * PostgreSQL migrations at start, our migrator against `prisma migrate deploy` (with prisma/postgresAdapter.ts's
 * workarounds), each on a fresh database, in interleaved rounds:
 *   npx tsx scripts/bench-migrations.ts [--rounds 3]
 * Uses TEST_DATABASE_URL_BASE (postgresql://user@host:port) when set, else a throwaway cluster.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { startCluster, stopCluster, type PgCluster } from "./db/pgCluster.ts";
import { applyMigrations } from "../src/store/migrate.ts";

const roundsAt = process.argv.indexOf("--rounds");
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 3;
let cluster: PgCluster | undefined;
const base = process.env.TEST_DATABASE_URL_BASE ?? (cluster = await startCluster()).urlBase;
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const admin = new pg.Client({ connectionString: `${base}/postgres` });
await admin.connect();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const own: number[] = [];
const ownNothingPending: number[] = [];
const deploy: number[] = [];
try {
  for (let round = 0; round < rounds; round++) {
    for (const name of [`bench_own_${round}`, `bench_deploy_${round}`]) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
    let started = performance.now();
    await applyMigrations(`${base}/bench_own_${round}`);
    own.push(performance.now() - started);
    started = performance.now();
    await applyMigrations(`${base}/bench_own_${round}`);
    ownNothingPending.push(performance.now() - started);
    started = performance.now();
    execFileSync(process.execPath, [prismaCli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `${base}/bench_deploy_${round}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: "pipe",
    });
    deploy.push(performance.now() - started);
    console.log(
      `round ${round + 1}: ours ${own.at(-1)!.toFixed(0)} ms (nothing pending ${ownNothingPending.at(-1)!.toFixed(0)} ms), prisma migrate deploy ${deploy.at(-1)!.toFixed(0)} ms`,
    );
  }
  console.log(
    `median of ${rounds}: ours ${median(own).toFixed(0)} ms, nothing pending ${median(ownNothingPending).toFixed(0)} ms, prisma migrate deploy ${median(deploy).toFixed(0)} ms`,
  );
  for (let round = 0; round < rounds; round++) {
    for (const name of [`bench_own_${round}`, `bench_deploy_${round}`]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
} finally {
  await admin.end();
  if (cluster) stopCluster(cluster);
}

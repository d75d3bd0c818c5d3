/**
 * What a PostgreSQL test database costs to make, by way of making it (issue 20): on a throwaway cluster
 * (scripts/db/pgCluster.ts, as the test run starts it) with the migrated and seeded template, N databases made
 * one after another by CREATE DATABASE … STRATEGY FILE_COPY (what the tests did), by STRATEGY WAL_LOG, while
 * another connection keeps writing (as the other worker's tests do), each dropped after.
 * Run: npx tsx scripts/bench-test-databases.ts [count]
 */
import pg from "pg";
import { startCluster, stopCluster } from "./db/pgCluster.ts";
import { applyMigrations } from "../src/store/migrate.ts";
import { openDatabase } from "../src/store/database.ts";
import { seedDemo } from "../src/platforms/sandbox/demoSeed.ts";

const count = Number(process.argv[2] ?? 20);
const cluster = await startCluster();
try {
  const admin = new pg.Client({ connectionString: `${cluster.urlBase}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE tmpl`);
  await applyMigrations(`${cluster.urlBase}/tmpl`);
  const db = openDatabase(`${cluster.urlBase}/tmpl`);
  await seedDemo(db);
  await db.close();
  await admin.query(`CREATE DATABASE busy TEMPLATE tmpl`);
  const busy = new pg.Client({ connectionString: `${cluster.urlBase}/busy` });
  await busy.connect();
  await busy.query(`CREATE TABLE churn (id serial primary key, body text)`);
  let writing = true;
  const writer = (async () => {
    while (writing) await busy.query(`INSERT INTO churn (body) SELECT repeat('x', 200) FROM generate_series(1, 200)`);
  })();
  const results: Record<string, number[]> = {};
  for (let round = 0; round < count; round++) {
    for (const strategy of ["FILE_COPY", "WAL_LOG"]) {
      const started = performance.now();
      await admin.query(`CREATE DATABASE t_${round} TEMPLATE tmpl STRATEGY ${strategy}`);
      (results[strategy] ??= []).push(performance.now() - started);
      const dropStarted = performance.now();
      await admin.query(`DROP DATABASE t_${round} WITH (FORCE)`);
      (results[`drop after ${strategy}`] ??= []).push(performance.now() - dropStarted);
    }
  }
  writing = false;
  await writer;
  await busy.end();
  await admin.end();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (const [name, values] of Object.entries(results)) {
    console.log(`${name.padEnd(20)} median ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (${values.length})`);
  }
} finally {
  stopCluster(cluster);
}

/**
 * A PostgreSQL test's own database, the two ways the tests have had it (issue 20), in interleaved rounds:
 * - copy: CREATE DATABASE … TEMPLATE (the seeded template) STRATEGY FILE_COPY, then DROP DATABASE after the test;
 * - reset: a database of the worker's pool given back and reset to the template (test/helpers/postgresPool.ts).
 * Each cycle also connects and reads a table, as a test does. Prints the median wall time per cycle and the
 * server's CPU per cycle (the postmaster's reaped backends):
 *   npx tsx scripts/bench-test-databases.ts [--cycles 20] [--rounds 3]
 * On a throwaway cluster (scripts/db/pgCluster.ts), as `npm test` uses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startCluster, stopCluster } from "./db/pgCluster.ts";
import { applyMigrations } from "../src/store/migrate.ts";
import { openDatabase } from "../src/store/database.ts";
import { seedDemo } from "../src/platforms/sandbox/demoSeed.ts";
import { asAdmin, settlePostgresDatabases, takePostgresDatabase } from "../test/helpers/postgresPool.ts";

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const cycles = option("cycles", 20);
const rounds = option("rounds", 3);

const cluster = await startCluster();
const base = cluster.urlBase;
/** CPU of the server and its ended backends, in ms (clock ticks of 10 ms). */
function serverCpuMs(): number {
  const pid = Number(readFileSync(path.join(cluster.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0) * 10;
}

async function readOneTable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SELECT count(*) FROM "Member"`);
  // A test writes, so the reset has something to put back.
  await client.query(`UPDATE "Member" SET "name" = "name" || '·'`);
  await client.end();
}

try {
  await asAdmin(base, `CREATE DATABASE "bench_tmpl"`);
  await applyMigrations(`${base}/bench_tmpl`);
  await asAdmin(base, `CREATE DATABASE "bench_tmpl_seeded" TEMPLATE "bench_tmpl"`);
  const seeding = openDatabase(`${base}/bench_tmpl_seeded`);
  await seedDemo(seeding);
  await seeding.close();

  const results: Record<"copy" | "reset", { wall: number[]; cpu: number[] }> = { copy: { wall: [], cpu: [] }, reset: { wall: [], cpu: [] } };
  let copies = 0;
  for (let round = 0; round < rounds; round++) {
    for (const way of ["copy", "reset"] as const) {
      const cpuBefore = serverCpuMs();
      const started = performance.now();
      for (let cycle = 0; cycle < cycles; cycle++) {
        if (way === "copy") {
          const name = `bench_copy_${++copies}`;
          await asAdmin(base, `CREATE DATABASE "${name}" TEMPLATE "bench_tmpl_seeded" STRATEGY FILE_COPY`);
          await readOneTable(`${base}/${name}`);
          await asAdmin(base, `DROP DATABASE "${name}" WITH (FORCE)`);
        } else {
          const { url, giveBack } = await takePostgresDatabase(base, "bench_tmpl_seeded");
          await readOneTable(url);
          giveBack();
        }
      }
      await settlePostgresDatabases();
      results[way].wall.push((performance.now() - started) / cycles);
      results[way].cpu.push((serverCpuMs() - cpuBefore) / cycles);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!.toFixed(0);
  for (const [way, { wall, cpu }] of Object.entries(results)) {
    console.log(`${way.padEnd(5)}  ${median(wall)} ms a test (rounds: ${wall.map((ms) => ms.toFixed(0)).join(", ")}), server CPU ${median(cpu)} ms a test`);
  }
} finally {
  stopCluster(cluster);
}

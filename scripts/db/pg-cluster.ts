/**
 * A throwaway PostgreSQL cluster for tests and benchmarks (installs postgresql-15 with apt-get if missing).
 *   npx tsx scripts/db/pg-cluster.ts start    prints TEST_DATABASE_URL_BASE=… and PG_CLUSTER_DIR=… (eval-able)
 *   npx tsx scripts/db/pg-cluster.ts stop DIR stops it and removes its directory
 *   npx tsx scripts/db/pg-cluster.ts install  only makes sure the server's programs are there (CI)
 */
import { postgresBinDir, startCluster, stopCluster } from "./pgCluster.ts";

const [command, dir] = process.argv.slice(2);
if (command === "install") {
  console.log(`PostgreSQL programs in ${postgresBinDir()}`);
} else if (command === "start") {
  const cluster = await startCluster();
  console.log(`export TEST_DATABASE_URL_BASE=${cluster.urlBase}`);
  console.log(`export PG_CLUSTER_DIR=${cluster.dir}`);
} else if (command === "stop" && dir) {
  stopCluster({ dir });
} else {
  console.error("usage: pg-cluster.ts start | stop <dir> | install");
  process.exit(2);
}

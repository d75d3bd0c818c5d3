import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A throwaway PostgreSQL cluster: its data directory (also its socket directory), port and base URL. */
export interface PgCluster {
  dir: string;
  port: number;
  /** postgresql://postgres@127.0.0.1:PORT (append /database). */
  urlBase: string;
}

const BIN_DIRS = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"];

/** The directory holding initdb and pg_ctl, installing postgresql-15 with apt-get when there is none. */
export function postgresBinDir(): string {
  const found = () => BIN_DIRS.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
  const dir = found();
  if (dir) return dir;
  if (process.getuid?.() !== 0) throw new Error("PostgreSQL 15 is not installed (apt-get install postgresql-15) and we are not root to install it.");
  console.error("installing postgresql-15 with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "postgresql-15"], { stdio: "inherit", env });
  const installed = found();
  if (!installed) throw new Error("apt-get installed postgresql-15 but initdb is still missing");
  return installed;
}

/** As root, PostgreSQL's programs run as the user postgres (the server refuses root); otherwise as ourselves. */
function runPostgresProgram(binDir: string, program: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? "runuser" : path.join(binDir, program);
  const fullArgs = asRoot ? ["-u", "postgres", "--", path.join(binDir, program), ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${program} failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * initdb into a temporary directory and start the server on a free port, tuned for tests (fsync off) and with
 * its time zone set to Asia/Shanghai on purpose: code that forgets to work in UTC shows 8 hours off.
 */
export async function startCluster(): Promise<PgCluster> {
  const binDir = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-pg-"));
  if (process.getuid?.() === 0) {
    chmodSync(dir, 0o777);
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  const data = path.join(dir, "data");
  runPostgresProgram(binDir, "initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const options = [
      "-c listen_addresses=127.0.0.1",
      `-p ${port}`,
      `-k ${dir}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c timezone=Asia/Shanghai",
      "-c max_connections=200",
    ].join(" ");
    try {
      runPostgresProgram(binDir, "pg_ctl", ["-D", data, "-w", "-l", path.join(dir, "server.log"), "-o", options, "start"]);
      return { dir, port, urlBase: `postgresql://postgres@127.0.0.1:${port}` };
    } catch (error) {
      if (attempt >= 2) throw error; // the free port was taken in between: try another
    }
  }
}

export function stopCluster(cluster: Pick<PgCluster, "dir">): void {
  const data = path.join(cluster.dir, "data");
  if (existsSync(data)) {
    try {
      runPostgresProgram(postgresBinDir(), "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already stopped.
    }
  }
  rmSync(cluster.dir, { recursive: true, force: true });
}

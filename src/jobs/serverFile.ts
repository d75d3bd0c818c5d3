import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDirectory, sqliteFilePath } from "../store/database.ts";
import { isPostgresUrl } from "../store/postgresConfig.ts";

/**
 * A running server announces itself in a file beside its database, so `npm run job` against the same
 * database hands the job to it instead of writing beside it. The file names no secret: the CLI still
 * needs the admin token.
 */
export interface RunningServer {
  pid: number;
  url: string;
}

export function serverFilePath(databaseUrl: string): string | null {
  if (isPostgresUrl(databaseUrl)) return path.join(dataDirectory(databaseUrl), "server.json");
  const file = sqliteFilePath(databaseUrl);
  return file === ":memory:" ? null : `${file}.server.json`;
}

/** Writes the announcement; returns the function that takes it back (on shutdown). */
export function advertiseServer(databaseUrl: string, url: string): () => void {
  const file = serverFilePath(databaseUrl);
  if (!file) return () => undefined;
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, url } satisfies RunningServer)}\n`);
  return () => {
    try {
      if ((JSON.parse(readFileSync(file, "utf8")) as RunningServer).pid === process.pid) rmSync(file, { force: true });
    } catch {
      // Already gone, or another server's now.
    }
  };
}

/** The server announced for this database, if its process is still alive. */
export function findRunningServer(databaseUrl: string): RunningServer | null {
  const file = serverFilePath(databaseUrl);
  if (!file) return null;
  try {
    const server = JSON.parse(readFileSync(file, "utf8")) as RunningServer;
    process.kill(server.pid, 0);
    return server;
  } catch {
    return null;
  }
}

/** The address a local client reaches a server listening on `host` at. */
export function localUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

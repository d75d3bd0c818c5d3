import { mkdirSync } from "node:fs";
import path from "node:path";
import { sqliteFilePath } from "./store/database.ts";
import { isPostgresUrl } from "./store/postgresConfig.ts";

/**
 * Where this instance keeps files of its own (the one-off admin token): beside the SQLite file, or ./data
 * under the working directory when the database is PostgreSQL (it has no folder). Made if missing.
 */
export function localDataDirectory(databaseUrl: string): string {
  const dir = isPostgresUrl(databaseUrl) ? path.resolve("data") : path.dirname(path.resolve(sqliteFilePath(databaseUrl)));
  mkdirSync(dir, { recursive: true });
  return dir;
}

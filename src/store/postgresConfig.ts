import type { ClientConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

/** `postgresql://…` or `postgres://…`: the store runs on PostgreSQL; `file:…` on SQLite. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** Every connection works in UTC, whatever the server's or the database's TimeZone (see README, PostgreSQL). */
const UTC_SESSION = "-c TimeZone=UTC";

/**
 * The settings of every connection the store, the migrator and the Prisma CLI open to PostgreSQL:
 * - discrete fields, not a connection string, so a copy with another `database` really connects there (pg lets
 *   a connectionString override the field, which made Prisma's shadow database the real one);
 * - the session in UTC: with the server in Asia/Shanghai, a timestamp sent or rendered without its offset
 *   (Prisma's adapter-pg does so, as does `to_char` or `::date` in SQL) is otherwise 8 hours off.
 */
export function postgresClientConfig(databaseUrl: string): ClientConfig {
  const config = parseIntoClientConfig(databaseUrl);
  const options = [config.options, UTC_SESSION].filter(Boolean).join(" ");
  return { ...config, connectionString: undefined, options };
}

import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";
import pg from "pg";
import { postgresClientConfig } from "./postgresConfig.ts";

/** pg's type ids of the values whose parsing we set (see `pg_type`). */
const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMP = 1114;

/**
 * How values come back from PostgreSQL: COUNT(*) and SUM (bigint, numeric) as numbers, as SQLite gives
 * them (our counts stay far below 2^53); a `timestamp` without zone, should one be read, as UTC. timestamptz
 * is a Date already.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => (value === null ? null : Number(value));
    if (oid === TIMESTAMP) return (value: string) => (value === null ? null : new Date(`${value.replace(" ", "T")}Z`));
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * A pool of connections with the settings of every connection to PostgreSQL (postgresConfig.ts), so every one
 * is in UTC: whatever the server's TimeZone (a county's is often Asia/Shanghai), `now()`, date arithmetic and
 * timestamptz text mean the same instant here.
 */
export function openPostgresPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ ...postgresClientConfig(databaseUrl), types, max });
  // An idle connection the server closed (a restart, a failover, an administrator) is dropped by the pool and
  // the next query opens another; without a listener the event would end the process.
  pool.on("error", () => undefined);
  return pool;
}

/** SQLSTATEs after which the whole transaction may simply run again: serialization failure, deadlock. */
export const RETRYABLE_POSTGRES_CODES = new Set(["40001", "40P01"]);
/** Also "busy" for a caller: lock not available, statement cancelled (a timeout). */
export const BUSY_POSTGRES_CODES = new Set([...RETRYABLE_POSTGRES_CODES, "55P03", "57014"]);

/**
 * The pool as Kysely's PostgreSQL dialect takes it, each statement run through pg's callback form. pg's promise
 * form (what Kysely calls) made the garbage collector promote nearly every row it read to the old generation:
 * a year's export (100k rows) promoted ~110 MB there against ~14 MB through the callback, the same statements
 * on one connection (scripts/bench-county.ts --only export shows the process's growth). The old generation is
 * swept only when it has grown to a multiple of what is alive, so the server's memory rose by ~100 MB per
 * export on PostgreSQL while on SQLite it stayed flat.
 */
export function kyselyPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((sql: string, parameters: readonly unknown[]) =>
      new Promise<PostgresQueryResult<unknown>>((resolve, reject) =>
        client.query(sql, [...parameters], (error: Error | null, result: pg.QueryResult) =>
          error ? reject(error) : resolve(result as unknown as PostgresQueryResult<unknown>),
        ),
      )) as PostgresPoolClient["query"],
    release: (destroy?: boolean) => client.release(destroy),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) clients.set(client, (wrapped = wrap(client)));
      return wrapped;
    },
    end: () => pool.end(),
  };
}

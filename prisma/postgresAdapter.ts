import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { postgresClientConfig } from "../src/store/postgresConfig.ts";

// The Prisma CLI (migrate deploy, status, diff, db execute) on PostgreSQL through @prisma/adapter-pg 6.19,
// with the three failures of `migrate deploy` seen on it worked around through public interfaces only
// (pg's Client class, the adapter's constructor and its executeScript). See README, "PostgreSQL".

const OID_TEXT = 25;
/** `name` and `"char"`, which the schema engine's catalogue queries return and adapter-pg 6.19 cannot read. */
const CATALOGUE_TEXT_OIDS = new Set([18, 19]);

type Fields = { fields?: { dataTypeID: number }[] };

function catalogueTypesAsText<T>(result: T): T {
  for (const one of Array.isArray(result) ? (result as Fields[]) : [result as Fields]) {
    for (const field of one?.fields ?? []) if (CATALOGUE_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = OID_TEXT;
  }
  return result;
}

/** A pg Client whose results report `name` and `"char"` columns as text (prisma/orm#27403, fixed in adapter-pg 7). */
class CatalogueClient extends pg.Client {
  // The adapter calls query(config, values); the pool calls query(text, values, callback).
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    const query = super.query.bind(this) as (...a: unknown[]) => unknown;
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        (last as (e: unknown, r: unknown) => void)(error, error ? result : catalogueTypesAsText(result));
      return query(...args) as never;
    }
    const pending = query(...args);
    return (pending instanceof Promise ? pending.then(catalogueTypesAsText) : pending) as never;
  }
}

type ScriptRunner = { underlyingDriver(): unknown; executeScript(script: string): Promise<void> };

/**
 * adapter-pg's executeScript splits a migration on every `;` (breaking `$$ … $$` bodies) and runs the pieces
 * outside a transaction; a script sent as one simple-protocol query runs whole, in one implicit transaction.
 */
function wholeScripts<Adapter extends ScriptRunner>(adapter: Adapter): Adapter {
  const pool = adapter.underlyingDriver() as pg.Pool;
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      const e = error as pg.DatabaseError;
      if (typeof e.code !== "string") throw error;
      throw new DriverAdapterError({
        kind: "postgres",
        code: e.code,
        severity: e.severity ?? "ERROR",
        message: e.message,
        detail: e.detail,
        column: e.column,
        hint: e.hint,
        originalCode: e.code,
        originalMessage: e.message,
      });
    }
  };
  return adapter;
}

class PrismaPgForCli extends PrismaPg {
  constructor(private readonly clientConfig: pg.ClientConfig) {
    // allowExitOnIdle: an idle pooled connection must not keep the CLI running after its work.
    super(new pg.Pool({ ...clientConfig, Client: CatalogueClient, max: 4, allowExitOnIdle: true }), { disposeExternalPool: true });
  }

  override async connect() {
    return wholeScripts(await super.connect());
  }

  /**
   * The shadow database (migrate diff --from-migrations, migrate dev), made on the real server and dropped
   * after its own connections are closed (adapter-pg 6.19 drops it first, which fails while they are open).
   */
  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPgForCli({ ...this.clientConfig, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

/** The adapter factory prisma.config.ts gives the CLI for a postgresql:// DATABASE_URL. */
export function prismaPostgresAdapter(databaseUrl: string): PrismaPg {
  // Discrete fields (postgresClientConfig), so the shadow database's copy with another `database` goes there.
  return new PrismaPgForCli(postgresClientConfig(databaseUrl));
}

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The Prisma CLI on SQLite through @prisma/adapter-better-sqlite3 6.19. Its shadow database (an in-memory
// one, for migrate diff --from-migrations and migrate dev) is sent each migration through executeRaw, which
// better-sqlite3 refuses for more than one statement: there a script goes to executeScript, which runs it whole.

type ScriptRunner = {
  executeRaw(query: { sql: string; args: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
};

function scriptsRunWhole<Adapter extends ScriptRunner>(adapter: Adapter): Adapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

class PrismaBetterSQLite3ForCli extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    return scriptsRunWhole(await super.connectToShadowDb());
  }
}

/** The adapter factory prisma.config.ts gives the CLI for a file: DATABASE_URL. */
export function prismaSqliteAdapter(databaseUrl: string): PrismaBetterSQLite3 {
  return new PrismaBetterSQLite3ForCli({ url: databaseUrl });
}

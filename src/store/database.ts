import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { createConnection, StatementCache, type Connection, type Statements } from "./connection.ts";
import { PrismaClient, type Prisma } from "./generated/client.ts";

export type Database = PrismaClient;
/** The handle a use case works through inside its transaction. */
export type Tx = Prisma.TransactionClient;

/** "file:./data/yishi.db" → "./data/yishi.db" (relative to the working directory). */
export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}

/** Pins a relative SQLite path to the working directory, so the CLI and the app open the same file. */
export function absoluteDatabaseUrl(databaseUrl: string): string {
  const file = sqliteFilePath(databaseUrl);
  if (file === ":memory:" || path.isAbsolute(file)) return databaseUrl;
  return `file:${path.resolve(file)}`;
}

export function ensureDatabaseDirectory(databaseUrl: string): void {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/** The write lock stayed taken (another process's long write) for longer than a message may wait. */
export class DatabaseBusy extends Error {
  constructor(waitedMs: number) {
    super(`database busy: no write lock after ${waitedMs} ms`);
    this.name = "DatabaseBusy";
  }
}

/** True for a busy database however it surfaced: our own DatabaseBusy, or SQLITE_BUSY through Prisma. */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error as { name?: string; code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.name === "DatabaseBusy" || e.code === "SQLITE_BUSY" || e.code === "P1008" || e.code === "P2034") return true;
    if (typeof e.message === "string" && /SQLITE_BUSY|database is locked|DatabaseBusy/.test(e.message)) return true;
    e = (e.cause ?? (e as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError) as typeof e;
  }
  return false;
}

export interface BusyRetry {
  /** Total time a transaction may wait for the write lock before the caller is told the database is busy. */
  maxWaitMs: number;
  /** First pause between attempts; doubles up to maxDelayMs, each ±50%. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BUSY_RETRY: BusyRetry = { maxWaitMs: 8_000, firstDelayMs: 2, maxDelayMs: 100 };

/**
 * Takes the write lock with BEGIN IMMEDIATE, waiting between attempts without blocking the event loop.
 * SQLite's own busy_timeout would sleep inside the native call (the whole server stalls), and a deferred
 * BEGIN cannot wait at all: it fails with SQLITE_BUSY when it first writes after reading.
 */
async function beginImmediate(connection: Connection, retry: BusyRetry, onBusy?: () => void): Promise<void> {
  const { handle: client, statements } = connection;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    client.pragma("busy_timeout = 0");
    try {
      statements.run("BEGIN IMMEDIATE");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
      onBusy?.();
      const waited = Date.now() - started;
      if (waited >= retry.maxWaitMs) throw new DatabaseBusy(waited);
      const delay = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, retry.maxWaitMs - waited)));
    } finally {
      client.pragma(`busy_timeout = ${AUTOCOMMIT_BUSY_TIMEOUT_MS}`);
    }
  }
}

/** Statements outside a transaction (single reads and writes) still wait for a lock inside SQLite. */
const AUTOCOMMIT_BUSY_TIMEOUT_MS = 5000;
const NO_STATEMENT = { run: () => ({ changes: 0, lastInsertRowid: 0 }) };

type PreparedStatement = BetterSqlite3.Statement;
type AdapterQuery = { sql: string };
type AdapterTransaction = {
  executeRaw(query: AdapterQuery): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
};

/**
 * Prisma's better-sqlite3 adapter, tuned in three ways; the connection it opens is also the store's own
 * (see connection.ts), so hot paths run prepared statements in the same transactions.
 * - Prisma's statements are prepared once and reused (the adapter prepares each query anew, which is
 *   most of its cost per query).
 * - Transactions Prisma opens by itself (createMany, updateMany) take the store's write lock, then
 *   BEGIN IMMEDIATE with bounded, backed-off retries; inside a transaction of ours (inTransaction) they
 *   become a savepoint of it instead.
 * - The adapter's own deferred BEGIN is replaced by nothing.
 */
export class ImmediateBetterSQLite3 extends PrismaBetterSQLite3 {
  connection: Connection | undefined;

  constructor(
    config: ConstructorParameters<typeof PrismaBetterSQLite3>[0],
    readonly retry: BusyRetry = DEFAULT_BUSY_RETRY,
    readonly onBusy?: () => void,
  ) {
    super(config);
  }

  override async connect(): ReturnType<PrismaBetterSQLite3["connect"]> {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    // Guards the adapter internals this relies on (Prisma 6.19): fail at start, never silently defer again.
    if (!client || typeof client.prepare !== "function" || typeof client.pragma !== "function") {
      throw new Error("ImmediateBetterSQLite3: the better-sqlite3 adapter no longer exposes its connection; review store/database.ts");
    }
    const prepare = client.prepare.bind(client) as (sql: string) => PreparedStatement;
    const connection = createConnection(client, prepare);
    this.connection = connection;
    const cache = new StatementCache(prepare, connection.orgWrites);
    // The adapter calls prepare(sql).bind(args) then run(), or reader/columns()/raw().all(); a statement can
    // be bound once only, so the arguments are passed at execution instead.
    (client as { prepare: unknown }).prepare = (sql: string) => {
      if (sql === "BEGIN") return NO_STATEMENT;
      const statement = cache.forRun(sql);
      return {
        reader: statement.reader,
        run: () => statement.run(),
        bind: (args: unknown[]) => ({
          reader: statement.reader,
          run: () => statement.run(args),
          columns: () => statement.columns(),
          raw: () => ({ all: () => statement.raw(true).all(args) }),
        }),
      };
    };
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      if (connection.scope.getStore()) {
        const transaction = (await start(isolationLevel)) as unknown as AdapterTransaction;
        return asSavepoint(connection, transaction) as unknown as Awaited<ReturnType<typeof start>>;
      }
      const release = await connection.lock.acquire();
      let transaction: Awaited<ReturnType<typeof start>>;
      try {
        transaction = await start(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      try {
        await beginImmediate(connection, this.retry, this.onBusy);
      } catch (error) {
        await transaction.rollback();
        release();
        throw error;
      }
      const own = transaction as unknown as AdapterTransaction;
      const commit = own.commit.bind(own);
      const rollback = own.rollback.bind(own);
      own.commit = () => commit().finally(release);
      own.rollback = () => rollback().finally(release);
      return transaction;
    };
    return adapter;
  }
}

/** A transaction Prisma opens inside one of ours: a savepoint, committed or undone with it. */
function asSavepoint(connection: Connection, transaction: AdapterTransaction): AdapterTransaction {
  const name = `prisma_${++savepoints}`;
  connection.statements.run(`SAVEPOINT ${name}`);
  const executeRaw = transaction.executeRaw.bind(transaction);
  transaction.executeRaw = (query) => {
    if (query.sql === "COMMIT") return Promise.resolve(connection.statements.run(`RELEASE ${name}`).changes);
    if (query.sql === "ROLLBACK") {
      connection.statements.run(`ROLLBACK TO ${name}`);
      for (const hook of connection.rollbackHooks) hook();
      return Promise.resolve(connection.statements.run(`RELEASE ${name}`).changes);
    }
    return executeRaw(query);
  };
  return transaction;
}
let savepoints = 0;

export interface OpenOptions {
  busyRetry?: BusyRetry;
  /** Called each time a transaction found the write lock taken (tests count busy retries). */
  onBusy?: () => void;
}

const adapters = new WeakMap<Database, ImmediateBetterSQLite3>();

export function openDatabase(databaseUrl: string, options: OpenOptions = {}): Database {
  ensureDatabaseDirectory(databaseUrl);
  const adapter = new ImmediateBetterSQLite3({ url: databaseUrl }, options.busyRetry, options.onBusy);
  const db = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
  adapters.set(db, adapter);
  return db;
}

/** The store's connection behind a client (opened on first use). */
export async function connectionOf(client: Database | Tx): Promise<Connection> {
  const adapter = adapters.get(client as Database);
  if (!adapter) throw new Error("connectionOf: not a database opened by openDatabase");
  if (!adapter.connection) await (client as Database).$connect();
  return adapter.connection!;
}

/** Prepared statements on the client's connection (inside the caller's transaction when there is one). */
export async function statementsOf(client: Database | Tx): Promise<Statements> {
  return (await connectionOf(client)).statements;
}

/**
 * Write-ahead logging: a commit appends to the log instead of rewriting a journal, which makes each
 * message's transaction several times cheaper; synchronous=NORMAL keeps the file consistent after a
 * crash (the last commits before a power cut may be lost, never corrupted). busy_timeout lets a CLI
 * job wait for the server's write instead of failing.
 */
export async function tuneDatabase(db: Database): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
}

/**
 * Runs `work` in one write transaction: an inbound message's effects commit together or not at all.
 * The store's lock admits one transaction at a time on the connection; BEGIN IMMEDIATE takes SQLite's
 * write lock up front (waiting, with backoff, while another process writes). Everything `work` does
 * through the store, Prisma's client included, runs on that connection and so inside the transaction;
 * `inTransaction` called from within `work` joins it. On failure everything is rolled back.
 */
export async function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const connection = await connectionOf(db);
  if (connection.scope.getStore()) return await work(db);
  const adapter = adapters.get(db)!;
  const release = await connection.lock.acquire();
  try {
    await beginImmediate(connection, adapter.retry, adapter.onBusy);
  } catch (error) {
    release();
    throw error;
  }
  try {
    // Awaited inside the scope: Prisma's queries are lazy and start when awaited, and must start in it.
    const result = await connection.scope.run(true, async () => await work(db));
    connection.statements.run("COMMIT");
    return result;
  } catch (error) {
    if (connection.handle.inTransaction) connection.statements.run("ROLLBACK");
    for (const hook of connection.rollbackHooks) hook();
    throw error;
  } finally {
    release();
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: string }).code : undefined;
  return code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export async function pingDatabase(db: Database): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}

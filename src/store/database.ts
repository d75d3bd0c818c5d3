import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import { OrgRevisionListener } from "./orgRevisionListener.ts";
import { OrgWritesPlugin, type OrgWrites } from "./orgWrites.ts";
import { BUSY_POSTGRES_CODES, kyselyPool, openPostgresPool, RETRYABLE_POSTGRES_CODES } from "./postgres.ts";
import { isPostgresUrl } from "./postgresConfig.ts";
import type { DB } from "./schema.ts";
import { AUTOCOMMIT_BUSY_TIMEOUT_MS, openSqlite, tuneSqlite, type SqliteConnection } from "./sqlite.ts";

export type Dialect = "sqlite" | "postgres";

/**
 * Work to do when a transaction rolls back (e.g. forget what an in-memory cache read inside it), told the count
 * of the organisation's writes (orgWrites) when that transaction began.
 */
export type RollbackHook = (orgWritesAtBegin: number) => void;

/**
 * The store's database: SQLite (a `file:` URL) or PostgreSQL (`postgresql://`), queried through one
 * Kysely query builder. Store functions write `client.query.selectFrom(…)`: inside a transaction of this
 * database (inTransaction) that is the transaction's connection, so code in it joins it without being
 * handed anything else. Only src/store/ uses `query`.
 */
export class Database {
  /** Set while a transaction's work runs: its connection. */
  private readonly scope = new AsyncLocalStorage<Kysely<DB>>();
  readonly rollbackHooks = new Set<RollbackHook>();
  readonly orgWrites: OrgWrites = { count: 0 };
  private readonly root: Kysely<DB>;

  constructor(
    readonly dialect: Dialect,
    open: (plugins: OrgWritesPlugin[]) => Kysely<DB>,
    readonly retry: BusyRetry,
    readonly onBusy: (() => void) | undefined,
    /** SQLite only: the connection, for BEGIN IMMEDIATE and PRAGMAs. */
    readonly sqlite?: SqliteConnection,
    /** PostgreSQL only: notifications of the organisation's changes, for the directory (started on its first use). */
    readonly orgRevision?: OrgRevisionListener,
  ) {
    this.root = open([new OrgWritesPlugin(this.orgWrites)]);
  }

  /** The query builder: the current transaction's connection inside one, the database's otherwise. */
  get query(): Kysely<DB> {
    return this.scope.getStore() ?? this.root;
  }

  get inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  async close(): Promise<void> {
    await this.orgRevision?.close();
    await this.root.destroy();
  }

  /** Runs `work` on one connection held for it (see inTransaction). */
  withConnection<T>(work: (connection: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.root.connection().execute(work);
  }

  /** Runs `work` with `connection` as the current transaction's. */
  joined<T>(connection: Kysely<DB>, work: () => Promise<T>): Promise<T> {
    return this.scope.run(connection, work);
  }
}

/** The handle a use case works through inside its transaction (the same database; its queries join it). */
export type Tx = Database;

export { isPostgresUrl };

/** "file:./data/yishi.db" → "./data/yishi.db" (relative to the working directory). */
export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}

/** Pins a relative SQLite path to the working directory, so the CLI and the app open the same file. */
export function absoluteDatabaseUrl(databaseUrl: string): string {
  if (isPostgresUrl(databaseUrl)) return databaseUrl;
  const file = sqliteFilePath(databaseUrl);
  if (file === ":memory:" || path.isAbsolute(file)) return databaseUrl;
  return `file:${path.resolve(file)}`;
}

/**
 * Where files that go with the database are kept (the admin token, the server file, attachments by
 * default): beside a SQLite file; ./data under the working directory for PostgreSQL (it has no folder; until
 * #19 item 3 moves them into the database). Made if missing.
 */
export function dataDirectory(databaseUrl: string): string {
  const dir = isPostgresUrl(databaseUrl) ? path.resolve("data") : path.dirname(path.resolve(sqliteFilePath(databaseUrl)));
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function ensureDatabaseDirectory(databaseUrl: string): void {
  if (isPostgresUrl(databaseUrl)) return;
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

type ErrorLike = { name?: string; code?: string; message?: string; cause?: unknown };

/** True for a busy database however it surfaced: our own DatabaseBusy, SQLITE_BUSY, or PostgreSQL's lock and serialisation failures. */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error as ErrorLike | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.name === "DatabaseBusy" || e.code === "SQLITE_BUSY" || (e.code !== undefined && BUSY_POSTGRES_CODES.has(e.code))) return true;
    if (typeof e.message === "string" && /SQLITE_BUSY|database is locked|DatabaseBusy/.test(e.message)) return true;
    e = e.cause as ErrorLike | undefined;
  }
  return false;
}

/** A unique constraint refused a row: SQLite's codes, PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: string }).code : undefined;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

export interface BusyRetry {
  /** Total time a transaction may wait for the write lock before the caller is told the database is busy. */
  maxWaitMs: number;
  /** First pause between attempts; doubles up to maxDelayMs, each ±50%. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BUSY_RETRY: BusyRetry = { maxWaitMs: 8_000, firstDelayMs: 2, maxDelayMs: 100 };

export interface OpenOptions {
  busyRetry?: BusyRetry;
  /** Called each time a transaction found the write lock taken (tests count busy retries). */
  onBusy?: () => void;
  /** PostgreSQL: connections in the pool. */
  maxConnections?: number;
}

/** Opens the database a URL names: `file:…` SQLite, `postgres://…` or `postgresql://…` PostgreSQL. */
export function openDatabase(databaseUrl: string, options: OpenOptions = {}): Database {
  const retry = options.busyRetry ?? DEFAULT_BUSY_RETRY;
  if (isPostgresUrl(databaseUrl)) {
    const pool = openPostgresPool(databaseUrl, options.maxConnections);
    return new Database(
      "postgres",
      (plugins) => new Kysely<DB>({ dialect: new PostgresDialect({ pool: kyselyPool(pool) }), plugins }),
      retry,
      options.onBusy,
      undefined,
      new OrgRevisionListener(databaseUrl),
    );
  }
  if (!databaseUrl.startsWith("file:")) throw new Error("DATABASE_URL 须以 file: 或 postgresql:// 开头");
  ensureDatabaseDirectory(databaseUrl);
  const connection = openSqlite(sqliteFilePath(databaseUrl));
  connection.handle.pragma(`busy_timeout = ${AUTOCOMMIT_BUSY_TIMEOUT_MS}`);
  return new Database(
    "sqlite",
    (plugins) => new Kysely<DB>({ dialect: new SqliteDialect({ database: connection }), plugins }),
    retry,
    options.onBusy,
    connection,
  );
}

/** SQLite: write-ahead logging and synchronous=NORMAL (see sqlite.ts). PostgreSQL is tuned by its operator. */
export async function tuneDatabase(db: Database): Promise<void> {
  if (db.sqlite) await db.withConnection(() => Promise.resolve(tuneSqlite(db.sqlite!.handle)));
}

/**
 * Runs `work` in one write transaction: an inbound message's effects commit together or not at all.
 * Everything `work` does through the store runs on the transaction's connection, and `inTransaction`
 * called from within `work` joins it. On failure everything is rolled back and the rollback hooks run.
 *
 * SQLite has one writer at a time: the transaction holds the store's one connection and takes SQLite's
 * write lock up front with BEGIN IMMEDIATE, waiting with backoff while another process writes
 * (DatabaseBusy after retry.maxWaitMs). PostgreSQL runs it READ COMMITTED on a pooled connection; the
 * store's statements resolve races themselves (ON CONFLICT, row locks), and a transaction that fails on a
 * deadlock or a serialisation conflict runs again, within the same bounded wait.
 */
export async function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.inTransaction) return await work(db);
  return db.dialect === "sqlite" ? await sqliteTransaction(db, work) : await postgresTransaction(db, work);
}

async function sqliteTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const handle = db.sqlite!.handle;
  return await db.withConnection(async (connection) => {
    await beginImmediate(db);
    const orgWritesAtBegin = db.orgWrites.count;
    try {
      const result = await db.joined(connection, () => work(db));
      handle.exec("COMMIT");
      return result;
    } catch (error) {
      if (handle.inTransaction) handle.exec("ROLLBACK");
      for (const hook of db.rollbackHooks) hook(orgWritesAtBegin);
      throw error;
    }
  });
}

/**
 * Takes the write lock with BEGIN IMMEDIATE, waiting between attempts without blocking the event loop.
 * SQLite's own busy_timeout would sleep inside the native call (the whole server stalls), and a deferred
 * BEGIN cannot wait at all: it fails with SQLITE_BUSY when it first writes after reading.
 */
async function beginImmediate(db: Database): Promise<void> {
  const handle = db.sqlite!.handle;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    handle.pragma("busy_timeout = 0");
    try {
      handle.exec("BEGIN IMMEDIATE");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
      db.onBusy?.();
      await pause(db.retry, attempt, Date.now() - started);
    } finally {
      handle.pragma(`busy_timeout = ${AUTOCOMMIT_BUSY_TIMEOUT_MS}`);
    }
  }
}

async function postgresTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const orgWritesAtBegin = db.orgWrites.count;
    try {
      return await db.query.transaction().execute((connection) => db.joined(connection, () => work(db)));
    } catch (error) {
      for (const hook of db.rollbackHooks) hook(orgWritesAtBegin);
      const code = (error as { code?: string }).code;
      if (code === undefined || !RETRYABLE_POSTGRES_CODES.has(code)) throw error;
      db.onBusy?.();
      await pause(db.retry, attempt, Date.now() - started);
    }
  }
}

/** Waits before the next attempt (doubling, ±50%), or gives up with DatabaseBusy once maxWaitMs is spent. */
async function pause(retry: BusyRetry, attempt: number, waited: number): Promise<void> {
  if (waited >= retry.maxWaitMs) throw new DatabaseBusy(waited);
  const delay = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** attempt) * (0.5 + Math.random());
  await new Promise((resolve) => setTimeout(resolve, Math.min(delay, retry.maxWaitMs - waited)));
}

export async function pingDatabase(db: Database): Promise<void> {
  await sql`SELECT 1`.execute(db.query);
}

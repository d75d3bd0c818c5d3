import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
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

type SqliteHandle = { prepare: (sql: string) => { run: () => unknown }; pragma: (source: string) => unknown };

/**
 * Takes the write lock with BEGIN IMMEDIATE, waiting between attempts without blocking the event loop.
 * SQLite's own busy_timeout would sleep inside the native call (the whole server stalls), and a deferred
 * BEGIN cannot wait at all: it fails with SQLITE_BUSY when it first writes after reading.
 */
async function beginImmediate(client: SqliteHandle, retry: BusyRetry, onBusy?: () => void): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    client.pragma("busy_timeout = 0");
    try {
      client.prepare("BEGIN IMMEDIATE").run();
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

/**
 * Prisma's better-sqlite3 adapter with write transactions that take the lock up front. The adapter runs a
 * plain (deferred) BEGIN under its own in-process mutex; that BEGIN is replaced by nothing, and
 * BEGIN IMMEDIATE with bounded, backed-off retries is run once the mutex is held. A transaction that
 * cannot get the lock is rolled back (the mutex released) and fails with DatabaseBusy.
 */
export class ImmediateBetterSQLite3 extends PrismaBetterSQLite3 {
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSQLite3>[0],
    private readonly retry: BusyRetry = DEFAULT_BUSY_RETRY,
    private readonly onBusy?: () => void,
  ) {
    super(config);
  }

  override async connect(): ReturnType<PrismaBetterSQLite3["connect"]> {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: SqliteHandle }).client;
    // Guards the adapter internals this relies on (Prisma 6.19): fail at start, never silently defer again.
    if (!client || typeof client.prepare !== "function" || typeof client.pragma !== "function") {
      throw new Error("ImmediateBetterSQLite3: the better-sqlite3 adapter no longer exposes its connection; review store/database.ts");
    }
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => (sql === "BEGIN" ? NO_STATEMENT : prepare(sql));
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await start(isolationLevel);
      try {
        await beginImmediate(client, this.retry, this.onBusy);
      } catch (error) {
        await transaction.rollback();
        throw error;
      }
      return transaction;
    };
    return adapter;
  }
}

export interface OpenOptions {
  busyRetry?: BusyRetry;
  /** Called each time a transaction found the write lock taken (tests count busy retries). */
  onBusy?: () => void;
}

export function openDatabase(databaseUrl: string, options: OpenOptions = {}): Database {
  ensureDatabaseDirectory(databaseUrl);
  const adapter = new ImmediateBetterSQLite3({ url: databaseUrl }, options.busyRetry, options.onBusy);
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
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

/** Runs `work` in one transaction: an inbound message's effects commit together or not at all. */
export function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work);
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function pingDatabase(db: Database): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}

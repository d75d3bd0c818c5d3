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

export function openDatabase(databaseUrl: string): Database {
  ensureDatabaseDirectory(databaseUrl);
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
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

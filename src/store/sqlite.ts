import BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * better-sqlite3 as Kysely's SqliteDialect uses it, with what SQLite lacks made up here, so the store's
 * queries read the same on both databases:
 * - each SQL text is prepared once and its statement reused (Kysely prepares every query anew, which is
 *   most of the cost of a short query; see scripts/bench-query-layer.ts);
 * - dates are written as ISO text with an explicit offset, the format Prisma wrote them in, so existing
 *   files keep working and dates compare as text; columns declared DATETIME come back as Date, and
 *   BOOLEAN columns as booleans.
 */
export class SqliteConnection implements SqliteDatabase {
  private readonly cache = new Map<string, CachedStatement>();

  constructor(readonly handle: BetterSqlite3.Database) {}

  prepare(sql: string): SqliteStatement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = new CachedStatement(this.handle.prepare(sql));
      if (this.cache.size >= MAX_CACHED_STATEMENTS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.handle.close();
  }
}

const MAX_CACHED_STATEMENTS = 500;

class CachedStatement implements SqliteStatement {
  readonly reader: boolean;
  private converters: [string, (value: unknown) => unknown][] | undefined;

  constructor(private readonly statement: BetterSqlite3.Statement) {
    this.reader = statement.reader;
  }

  all(parameters: readonly unknown[]): unknown[] {
    const rows = this.statement.all(toSqlite(parameters)) as Record<string, unknown>[];
    const converters = this.columnConverters();
    if (converters.length) for (const row of rows) convertRow(row, converters);
    return rows;
  }

  run(parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.statement.run(toSqlite(parameters));
  }

  *iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    const converters = this.columnConverters();
    for (const row of this.statement.iterate(toSqlite(parameters)) as IterableIterator<Record<string, unknown>>) {
      yield converters.length ? convertRow(row, converters) : row;
    }
  }

  /** By the declared type of each result column that is a table's column (expressions have none). */
  private columnConverters(): [string, (value: unknown) => unknown][] {
    this.converters ??= this.statement.columns().flatMap((column): [string, (value: unknown) => unknown][] => {
      const type = column.type?.toUpperCase();
      if (type === "DATETIME") return [[column.name, fromSqliteDate]];
      if (type === "BOOLEAN") return [[column.name, fromSqliteBoolean]];
      return [];
    });
    return this.converters;
  }
}

function convertRow(row: Record<string, unknown>, converters: [string, (value: unknown) => unknown][]): Record<string, unknown> {
  for (const [name, convert] of converters) row[name] = convert(row[name]);
  return row;
}

function toSqlite(parameters: readonly unknown[]): unknown[] {
  return parameters.map(toSqliteValue);
}

export function toSqliteValue(value: unknown): unknown {
  if (value instanceof Date) return toSqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** Dates are stored as ISO text with an explicit offset, as Prisma writes them, so they compare as text. */
export function toSqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function fromSqliteDate(value: unknown): unknown {
  return typeof value === "string" || typeof value === "number" ? new Date(value) : value;
}

function fromSqliteBoolean(value: unknown): unknown {
  return typeof value === "number" || typeof value === "bigint" ? value !== 0 && value !== 0n : value;
}

/** Statements outside a transaction (single reads and writes) still wait for a lock inside SQLite. */
export const AUTOCOMMIT_BUSY_TIMEOUT_MS = 5000;

/**
 * Write-ahead logging: a commit appends to the log instead of rewriting a journal, which makes each
 * message's transaction several times cheaper; synchronous=NORMAL keeps the file consistent after a
 * crash (the last commits before a power cut may be lost, never corrupted). busy_timeout lets a CLI
 * job wait for the server's write instead of failing.
 */
export function tuneSqlite(handle: BetterSqlite3.Database): void {
  handle.pragma("journal_mode = WAL");
  handle.pragma("synchronous = NORMAL");
  handle.pragma(`busy_timeout = ${AUTOCOMMIT_BUSY_TIMEOUT_MS}`);
}

export function openSqlite(file: string): SqliteConnection {
  return new SqliteConnection(new BetterSqlite3(file));
}

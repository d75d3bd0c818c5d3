import { AsyncLocalStorage } from "node:async_hooks";
import type BetterSqlite3 from "better-sqlite3";

/** A FIFO lock: one write transaction at a time on a connection. */
export class Lock {
  private tail: Promise<void> = Promise.resolve();
  private holders = 0;

  get held(): boolean {
    return this.holders > 0;
  }

  /** Resolves with the release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    this.holders++;
    return previous.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.holders--;
        release();
      };
    });
  }
}

/** The result of a write statement. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

/**
 * Prepared statements on the store's one SQLite connection, cached by their text. Integers come back as
 * numbers and rows as plain objects. Only src/store uses this; the SQL it runs is written for SQLite.
 */
/**
 * Statements prepared once per SQL text (at most 500 kept), each run counted in `writes` when it writes
 * the organisation's tables. Prisma's statements (database.ts) and the store's own share this.
 */
export class StatementCache {
  private readonly cache = new Map<string, { statement: BetterSqlite3.Statement; writesOrg: boolean }>();

  constructor(
    private readonly prepare: (sql: string) => BetterSqlite3.Statement,
    private readonly writes: OrgWrites,
  ) {}

  /** The statement for `sql`, about to run. */
  forRun(sql: string): BetterSqlite3.Statement {
    let entry = this.cache.get(sql);
    if (!entry) {
      entry = { statement: this.prepare(sql), writesOrg: writesOrganisation(sql) };
      if (this.cache.size >= MAX_CACHED_STATEMENTS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(sql, entry);
    }
    if (entry.writesOrg) this.writes.count++;
    return entry.statement;
  }
}

export class Statements {
  private readonly cache: StatementCache;

  constructor(prepare: (sql: string) => BetterSqlite3.Statement, writes: OrgWrites) {
    this.cache = new StatementCache((sql) => prepare(sql).safeIntegers(false), writes);
  }

  private statement(sql: string): BetterSqlite3.Statement {
    return this.cache.forRun(sql);
  }

  get<T>(sql: string, params: readonly unknown[] = []): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, params: readonly unknown[] = []): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  run(sql: string, params: readonly unknown[] = []): RunResult {
    const result = this.statement(sql).run(...params);
    return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
  }
}

const MAX_CACHED_STATEMENTS = 500;

/** How many statements this process ran that change the organisation (units, groups, members, memberships). */
export interface OrgWrites {
  count: number;
}

const ORG_TABLES = new Set(["Unit", "Group", "Member", "Membership"]);
const WRITTEN_TABLE = /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+(?:[`"]?main[`"]?\.)?[`"]?(\w+)/i;

/** Whether a statement writes one of the organisation's tables (the in-memory directory then reloads). */
export function writesOrganisation(sql: string): boolean {
  const table = WRITTEN_TABLE.exec(sql)?.[1];
  return table !== undefined && ORG_TABLES.has(table);
}

/** Work to do when a transaction rolls back (e.g. forget what an in-memory cache read inside it). */
export type RollbackHook = () => void;

/** The store's connection: the driver's handle, its statements, and the one-writer-at-a-time lock. */
export interface Connection {
  handle: BetterSqlite3.Database;
  statements: Statements;
  lock: Lock;
  /** Set while a write transaction's work runs: code in it joins that transaction. */
  scope: AsyncLocalStorage<true>;
  rollbackHooks: Set<RollbackHook>;
  /** Counts statements (Prisma's and ours) that wrote the organisation's tables on this connection. */
  orgWrites: OrgWrites;
}

export function createConnection(handle: BetterSqlite3.Database, prepare: (sql: string) => BetterSqlite3.Statement): Connection {
  const orgWrites: OrgWrites = { count: 0 };
  return {
    handle,
    orgWrites,
    statements: new Statements(prepare, orgWrites),
    lock: new Lock(),
    scope: new AsyncLocalStorage<true>(),
    rollbackHooks: new Set(),
  };
}

/** Dates are stored as ISO text with an explicit offset, as Prisma writes them, so they compare as text. */
export function toDbDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export function fromDbDate(value: string): Date;
export function fromDbDate(value: string | null): Date | null;
export function fromDbDate(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

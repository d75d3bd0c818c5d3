import { toDbDate, type Statements } from "./connection.ts";

/**
 * Plain rows to and from the store's own SQL. Date columns are the ones named `…At` (every DateTime in the
 * schema is), stored as ISO text; booleans are stored as 0/1.
 */
export function fromRow<T>(row: Record<string, unknown>): T {
  const record: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    record[column] = typeof value === "string" && column.endsWith("At") ? new Date(value) : value;
  }
  return record as T;
}

export function toDbValue(value: unknown): unknown {
  if (value instanceof Date) return toDbDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

/** `"a", "b"` and the values in that order, for an INSERT or UPDATE built from an object's own keys. */
export function columnsOf(record: object): { names: string[]; values: unknown[] } {
  const entries = Object.entries(record).filter(([, value]) => value !== undefined);
  return { names: entries.map(([name]) => quoteColumn(name)), values: entries.map(([, value]) => toDbValue(value)) };
}

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A column name from our own types, quoted; anything else is refused rather than spliced into SQL. */
export function quoteColumn(name: string): string {
  if (!COLUMN_NAME.test(name)) throw new Error(`not a column name: ${name}`);
  return `"${name}"`;
}

/** Inserts records into `table`, one statement per 50; a key a record lacks (or leaves undefined) is NULL. */
export function multiRowInsert(table: string, records: readonly object[]): { sql: string; params: unknown[] }[] {
  const out: { sql: string; params: unknown[] }[] = [];
  for (let start = 0; start < records.length; start += 50) {
    const batch = records.slice(start, start + 50) as Record<string, unknown>[];
    const keys = [...new Set(batch.flatMap((record) => Object.keys(record).filter((key) => record[key] !== undefined)))];
    const params = batch.flatMap((record) => keys.map((key) => toDbValue(record[key])));
    const placeholders = `(${keys.map(() => "?").join(", ")})`;
    out.push({
      sql: `INSERT INTO ${quoteColumn(table)} (${keys.map(quoteColumn).join(", ")}) VALUES ${Array(batch.length).fill(placeholders).join(", ")}`,
      params,
    });
  }
  return out;
}

/** Runs the inserts of `multiRowInsert` on the store's prepared statements. */
export function insertRecords(statements: Statements, table: string, records: readonly object[]): void {
  for (const { sql, params } of multiRowInsert(table, records)) statements.run(sql, params);
}

import type { Insertable } from "kysely";
import { CompiledOnce } from "./compiled.ts";
import type { Database } from "./database.ts";
import type { DB } from "./schema.ts";

/** Tables written through insertRows (not the organisation's: the directory counts those as they are built). */
type RowTable = Exclude<keyof DB, "Unit" | "Group" | "Member" | "Membership">;

/** One multi-row INSERT per (table, columns, number of rows), compiled once: `shape` is "table|a,b|rows". */
const insertStatement = new CompiledOnce<unknown[], unknown>((q, values, shape) => {
  const [table, columns, count] = shape.split("|") as [RowTable, string, string];
  const keys = columns.split(",");
  const rows = Array.from({ length: Number(count) }, (_, row) => Object.fromEntries(keys.map((key, i) => [key, values[row * keys.length + i]])));
  return q.insertInto(table).values(rows);
});

/**
 * Inserts records into `table`, one statement per 50 rows. Every row of a statement names the same
 * columns: a key a record lacks (or leaves undefined) is written as NULL, as SQLite has no DEFAULT in a
 * multi-row VALUES.
 */
export async function insertRows<T extends RowTable>(client: Database, table: T, records: readonly Insertable<DB[T]>[]): Promise<void> {
  for (let start = 0; start < records.length; start += ROWS_PER_INSERT) {
    const batch = records.slice(start, start + ROWS_PER_INSERT) as Record<string, unknown>[];
    const keys = [...new Set(batch.flatMap((record) => Object.keys(record).filter((key) => record[key] !== undefined)))];
    const values = batch.flatMap((record) => keys.map((key) => record[key] ?? null));
    await insertStatement.execute(client, values, `${table}|${keys.join(",")}|${batch.length}`);
  }
}

const ROWS_PER_INSERT = 50;

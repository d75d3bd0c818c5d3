import type { Insertable } from "kysely";
import type { Database } from "./database.ts";
import type { DB } from "./schema.ts";

/**
 * Inserts records into `table`, one statement per 50 rows. Every row of a statement names the same
 * columns: a key a record lacks (or leaves undefined) is written as NULL, as SQLite has no DEFAULT in a
 * multi-row VALUES.
 */
export async function insertRows<T extends keyof DB>(client: Database, table: T, records: readonly Insertable<DB[T]>[]): Promise<void> {
  for (let start = 0; start < records.length; start += ROWS_PER_INSERT) {
    const batch = records.slice(start, start + ROWS_PER_INSERT) as Record<string, unknown>[];
    const keys = [...new Set(batch.flatMap((record) => Object.keys(record).filter((key) => record[key] !== undefined)))];
    const rows = batch.map((record) => Object.fromEntries(keys.map((key) => [key, record[key] ?? null])));
    await client.query
      .insertInto(table)
      .values(rows as never)
      .execute();
  }
}

const ROWS_PER_INSERT = 50;

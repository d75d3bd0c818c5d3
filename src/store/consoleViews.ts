import type { Database } from "./database.ts";
import { isUniqueViolation } from "./database.ts";

type Client = Database;

/** A saved view as stored: its filters still the JSON text it was written as. */
export interface StoredView {
  id: number;
  name: string;
  filters: string;
  updatedAt: Date;
}

const columns = ["id", "name", "filters", "updatedAt"] as const;
const asStored = (row: { id: number; name: string; filters: string; updatedAt: Date | string }): StoredView => ({ ...row, updatedAt: new Date(row.updatedAt) });

/** A member's views, in the order they were made. */
export async function viewsOf(client: Client, memberId: string): Promise<StoredView[]> {
  const rows = await client.query.selectFrom("ConsoleView").select(columns).where("memberId", "=", memberId).orderBy("id").execute();
  return rows.map(asStored);
}

/** Saves a new view; null when the member already has one of that name. */
export async function insertView(client: Client, view: { memberId: string; name: string; filters: string; now: Date }): Promise<StoredView | null> {
  try {
    const row = await client.query
      .insertInto("ConsoleView")
      .values({ memberId: view.memberId, name: view.name, filters: view.filters, createdAt: view.now, updatedAt: view.now })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return asStored(row);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * Renames a member's view or replaces its filters: "missing" when the member has no such view (another's is
 * as good as missing), "taken" when the new name is another of theirs.
 */
export async function updateView(
  client: Client,
  memberId: string,
  id: number,
  change: { name?: string; filters?: string; now: Date },
): Promise<StoredView | "missing" | "taken"> {
  try {
    const row = await client.query
      .updateTable("ConsoleView")
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.filters !== undefined ? { filters: change.filters } : {}),
        updatedAt: change.now,
      })
      .where("id", "=", id)
      .where("memberId", "=", memberId)
      .returning(columns)
      .executeTakeFirst();
    return row ? asStored(row) : "missing";
  } catch (error) {
    if (isUniqueViolation(error)) return "taken";
    throw error;
  }
}

/** Deletes a member's view; false when they have no such view. */
export async function deleteView(client: Client, memberId: string, id: number): Promise<boolean> {
  const result = await client.query.deleteFrom("ConsoleView").where("id", "=", id).where("memberId", "=", memberId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

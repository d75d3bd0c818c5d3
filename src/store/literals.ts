import { sql, type RawBuilder } from "kysely";
import { OPEN_STATUSES, type TicketStatus } from "../domain/types.ts";

/*
 * Constants written into the SQL text instead of bound: SQLite plans them better. The 附议 candidates read
 * (a UNION ordered by number, LIMIT 500) took 176 µs with `LIMIT ?` and 46 µs with `LIMIT 500`; a bound
 * status list cost it about 2.5× more again. Only numbers checked here and the domain's own constants
 * are written so; every value that comes from outside stays bound.
 */

/** Statuses as SQL literals for `"status" IN (…)`. */
export function statusList(statuses: Iterable<TicketStatus>): RawBuilder<string>[] {
  return [...statuses].map((status) => sql.lit(status));
}

/** reported, accepted, assigned (domain/types.ts OPEN_STATUSES), as literals. */
export const openStatusList = (): RawBuilder<string>[] => statusList(OPEN_STATUSES);

/** A row limit (or offset) as a literal; refuses anything but a whole number ≥ 0. */
export function rowCount(n: number): RawBuilder<number> {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return sql.lit(n);
}

/**
 * The text a date is stored as: the better-sqlite3 adapter's one format (`2026-11-23T08:52:28.186+00:00`),
 * so that dates in raw SQL compare as text, in order, with the stored ones.
 */
export const storedTime = (date: Date): string => date.toISOString().replace("Z", "+00:00");

import type { Database, Tx } from "./database.ts";

export interface LabelCorrectionDraft {
  ticketNumber: number;
  field: "category" | "colour";
  fromValue: string;
  toValue: string;
  text: string;
  actorId: string;
  at: Date;
}

/** Keeps a staff correction as a labelled example for retraining. */
export async function recordLabelCorrection(tx: Tx, correction: LabelCorrectionDraft): Promise<void> {
  await tx.query.insertInto("LabelCorrection").values(correction).execute();
}

/** Every correction, oldest first; a later correction of the same ticket and field wins. */
export async function labelCorrections(db: Database): Promise<LabelCorrectionDraft[]> {
  const rows = await db.query.selectFrom("LabelCorrection").selectAll().orderBy("id").execute();
  const latest = new Map<string, LabelCorrectionDraft>();
  for (const row of rows) latest.set(`${row.ticketNumber}:${row.field}`, { ...row, field: row.field as LabelCorrectionDraft["field"] });
  return [...latest.values()];
}

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
  await tx.labelCorrection.create({ data: correction });
}

/** Every correction, oldest first; a later correction of the same ticket and field wins. */
export async function labelCorrections(db: Database): Promise<LabelCorrectionDraft[]> {
  const rows = await db.labelCorrection.findMany({ orderBy: { id: "asc" } });
  const latest = new Map<string, LabelCorrectionDraft>();
  for (const row of rows) latest.set(`${row.ticketNumber}:${row.field}`, { ...row, field: row.field as LabelCorrectionDraft["field"] });
  return [...latest.values()];
}

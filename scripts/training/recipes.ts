/**
 * How each model is trained: which examples, which options. `npm run train` and the evaluation share these,
 * so the figures in the README describe exactly the committed models.
 */
import type { Example, TrainingOptions } from "../../src/bot/classifier/train.ts";
import { chatRows, departmentExamples, estateRows, TRAINING_DIR, type EstateRow } from "./corpus.ts";

export const CATEGORY_IDS = ["repair", "sanitation", "parking", "charging", "safety", "noise", "neighbor", "property", "business", "consult", "legal", "other"];

export const OPTIONS: Record<"category" | "colour" | "department", TrainingOptions> = {
  category: { task: "category", algorithm: "logistic", epochs: 30, minDocumentFrequency: 3, labels: CATEGORY_IDS },
  colour: { task: "colour", algorithm: "logistic", epochs: 30, minDocumentFrequency: 3, labels: ["orange", "yellow", "blue"] },
  department: { task: "department", algorithm: "logistic", epochs: 12, minDocumentFrequency: 2, maxFeatures: 80_000 },
};

/** A labelled example from a deployment's staff (改类/改色), exported from its database. */
export interface CorrectionExample {
  text: string;
  field: "category" | "colour";
  value: string;
}

const withoutMention = (text: string) => text.replace(/^(\s*@\S+)+\s*/, "");

/**
 * Estate examples: each real letter in full and its title alone (residents write short lines), plus the
 * chat fixture table. Corrections count three times: an estate's own words should outweigh a letter.
 */
export function estateExamples(field: "category" | "colour", rows: EstateRow[], corrections: CorrectionExample[] = []): Example[] {
  const keep = (label: string | undefined) => label !== undefined && (field === "category" || label !== "red");
  const examples: Example[] = [];
  for (const row of rows) {
    if (!keep(row[field])) continue;
    examples.push({ text: row.text, label: row[field] }, { text: row.title, label: row[field] });
  }
  for (const row of chatRows("labelled-messages.json")) {
    if (row.kind === "report" && keep(row[field])) examples.push({ text: withoutMention(row.text), label: row[field]! });
  }
  for (const correction of corrections) {
    if (correction.field !== field || !keep(correction.value)) continue;
    for (let i = 0; i < 3; i++) examples.push({ text: withoutMention(correction.text), label: correction.value });
  }
  return examples;
}

/** The training examples of each model, from a folder shaped like training/ (the repository's by default). */
export function trainingSets(corrections: CorrectionExample[] = [], dir: URL = TRAINING_DIR) {
  const estate = estateRows(new URL("estate-messages.tsv", dir)).filter((row) => row.split === "train");
  return {
    category: estateExamples("category", estate, corrections),
    colour: estateExamples("colour", estate, corrections),
    department: departmentExamples(new URL("tipdm2020-department.tsv", dir)).train,
  };
}

/**
 * Writer folds for the intent model alone: the urgency and hazard models stay the committed ones, so the folds
 * read only writers those never learnt from (and the committed intent model neither: it was trained with them).
 * Each group of those writers is read with an intent model trained on every other train writer; the committed
 * intent model reads the same lines as the baseline. Used by choose-intent.ts.
 */
import { bundledModels, type Models } from "../../src/bot/classifier/models.ts";
import type { TrainingOptions } from "../../src/bot/classifier/train.ts";
import { chatSplit, trainWriters, type ChatLine } from "./chatCorpus.ts";
import { trainedOnce } from "./chatFolds.ts";
import { chatExamples, isFirstReadingWriter, OPTIONS } from "./recipes.ts";

export interface IntentFold {
  writers: string[];
  lines: ChatLine[];
  /** The committed models with the intent model trained without these writers. */
  models: Models;
}

/** The writers the committed danger models never saw, in `groups` groups (writer i in group i mod groups). */
export function intentFolds(
  groups = Number(process.env.INTENT_FOLDS_GROUPS ?? 5),
  // INTENT_RECIPE='{"l2":2e-5}': the intent recipe with these options changed, to try it on the same folds.
  recipeChange: Partial<TrainingOptions> = JSON.parse(process.env.INTENT_RECIPE ?? "{}") as Partial<TrainingOptions>,
): IntentFold[] {
  const { train } = chatSplit();
  // The committed urgency and hazard models learnt from the first reading's writers (w01–w32): their lines would read too well.
  const unseen = trainWriters(train.lines).filter((writer) => !isFirstReadingWriter(writer));
  const bundled = bundledModels();
  return Array.from({ length: groups }, (_, g) => unseen.filter((_, i) => i % groups === g)).map((writers) => {
    const examples = chatExamples(train.lines.filter((line) => !writers.includes(line.writer))).intent;
    const intent = trainedOnce(examples, { ...OPTIONS.intent, ...recipeChange });
    return {
      writers,
      lines: train.lines.filter((line) => writers.includes(line.writer)),
      models: { ...bundled, intent },
    };
  });
}

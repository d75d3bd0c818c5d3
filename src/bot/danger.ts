import { predict, probabilityOf, type LinearModel, type Prediction } from "./classifier/linearModel.ts";
import { deniedHazards, withoutDeniedHazards } from "./denials.ts";
import { namesHazard } from "./hazardSigns.ts";
import { detectDanger, isHedged, isSafetyHazard, type Danger, type HazardId } from "./urgency.ts";

/**
 * The urgency model's red is taken at or above this probability, on a line no hedge rule puts out of the
 * present. Chosen by leave-one-writer-out over the chat corpus's train writers: recall first, since the
 * possible-danger tier below catches what it is unsure of.
 */
export const MODEL_RED = 0.4;
/** Red and possible together at or above this give the hazard's advice (possible danger, ⚠️ for staff). */
export const MODEL_ADVICE = 0.2;
/**
 * The urgency model speaks only of lines the intent model reads as a report or a follow-up with at least
 * this probability: on 「在？」 or 「。。。」 it has nothing to go on but its bias, which leans to danger. Fifteenth
 * round, with the intent model retrained on all 87 train writers (scripts/training/choose-intent.ts, 55 writers the
 * urgency model never saw, in five groups): at 0.5 three urgent lines the committed intent model let through lost
 * their red or advice (「救命 狗 追我 2单元门口」); at 0.3 none did, false red on ordinary and hedged lines the same.
 */
export const MODEL_DANGER_NEEDS_REPORT = 0.3;
/**
 * A red the urgency model alone reads (no rule names the hazard) pages the sub-district only when the hazard
 * model is at least this sure what the danger is; below it the line gets the advice as a possible danger.
 * Leave-one-writer-out over the train writers: from 0 to 0.3–0.6 red recall 95.5% → 95.2%, false red on
 * ordinary complaints 1.4% → 1.3%; 0.5 sits in the middle of that flat stretch. It keeps 「7号楼楼顶漏水」
 * (hazard 0.36) from paging the sub-district as someone on a roof.
 */
export const MODEL_HAZARD_FOR_RED = 0.5;

/**
 * The safety net for an urgent line the urgency model is unsure of: when the line names a hazard or a sign of
 * it (hazardSigns.ts) and the hazard model is at least MODEL_NAMED_HAZARD sure it is that hazard, red and
 * possible together at or above MODEL_NAMED_ADVICE give its advice as a possible danger (no paging). Leave-
 * one-writer-out over the 38 train writers (with the seventh round's rules): advice on urgent lines 99.17% at
 * 0.8, 99.36% at 0.6, possible danger on ordinary complaints 0.40% / 0.43%; README, "A seventh round".
 */
export const MODEL_NAMED_HAZARD = 0.6;
export const MODEL_NAMED_ADVICE = 0.1;
/**
 * A line the intent model does not read as a report (「气漏了 嘶嘶 5楼 大家出来」, 「一楼 气味 臭鸡单 好大」) gets
 * the named hazard's advice when the urgency model is this sure of danger: no ordinary line of the train
 * writers reaches it.
 */
export const MODEL_ADVICE_OFF_REPORT = 0.8;

/**
 * The second reading (secondReading) is red at or above SECOND_RED when the hazard is the rules' or `secondHazard`
 * is at least SECOND_HAZARD_FOR_RED sure of it. Its model learnt the hedged twins of every train writer, so a hedge
 * rule (isHedged, which also fires on 「人没事 但还在扔」 or 「会不会是一氧化碳 快来」) stops it only below
 * SECOND_OVER_HEDGE, and a line the intent model does not read as a report (「煤气中毒 2栋 人晕了 快」) is read only
 * from SECOND_OFF_REPORT. Chosen by leave-a-group-out over the 87 train writers in eleven groups of about eight, a
 * round's size (scripts/training/second-reading-lowo.ts): red 4,647 → 4,710 of 4,768 lines, advice 4,726 → 4,740,
 * false red 309 → 310 of 28,575 ordinary and 248 → 249 of 4,582 hedged lines, never two in a fold; in eight groups
 * red 4,648 → 4,716, false red 311 → 314 / 245 → 248, at most one / two in a fold. In eleven groups SECOND_RED 0.6
 * adds three more false reds on ordinary lines; in eight, 0.8 and 0.9 gain 61 and 55 red lines (not 68) for 2 / 3 and
 * 1 / 1 false reds (not 3 / 3). SECOND_OVER_HEDGE 0.9 turned the suite's 「要不是我拦住就被咬了」 red (0.93).
 * Seventeenth round, both models refitted on all 103 train writers, the same eleven groups (5,667 urgent lines, 33,867
 * ordinary, 5,406 hedged): red 5,598 at 0.95 → 5,608 past a hedge from 0.85 (「…会不会是那个一氧化碳 快叫人」, 「充电桩漏电
 * … 人没事 桩子还带着电呢」, 「雨棚塌落一半 吊住 随时跌」), false red unchanged (+1 / +3 on the first reading alone); 0.8
 * adds three hedged false reds for three red lines (「前年…动了刀子」), and the suite's stories read alike at all three.
 */
export const SECOND_RED = 0.7;
export const SECOND_HAZARD_FOR_RED = 0.5;
export const SECOND_OFF_REPORT = 0.9;
export const SECOND_OVER_HEDGE = 0.85;

/**
 * The danger a message reports, rules and model together: the rules' red stands; otherwise the urgency
 * model's red, unless a hedge rule fires (then it is a possible danger: advice, no paging); otherwise the
 * second reading's red (secondReading); otherwise the rules' possible danger, or the model's when red and
 * possible together are likely enough. `intent`: the intent model's reading of the same text, when the caller
 * has it already.
 */
export function readDanger(text: string, models: DangerModels, thresholds: DangerThresholds = {}, intent?: Prediction): Danger | null {
  const rule = detectDanger(text);
  if (rule?.tier === "red") return rule;
  // A denied hazard (「不是漏气」) is blanked for the models too: their grams would read it as said.
  const read = withoutDeniedHazards(text);
  const intents = intent ?? predict(models.intent, text);
  const aboutAMatter = probabilityOf(intents, "report") + probabilityOf(intents, "follow_up");
  const offReport = aboutAMatter < (thresholds.dangerNeedsReport ?? MODEL_DANGER_NEEDS_REPORT);
  const first = firstReading(text, read, rule, offReport, models, thresholds);
  if (first?.tier === "red") return first;
  return secondReading(text, read, rule, offReport, models, thresholds) ?? first;
}

/** The models the danger reading uses. */
export interface DangerModels {
  urgency: LinearModel;
  hazard: LinearModel;
  intent: LinearModel;
  secondUrgency: LinearModel;
  secondHazard: LinearModel;
}

export interface DangerThresholds {
  red?: number;
  advice?: number;
  dangerNeedsReport?: number;
  hazardForRed?: number;
  namedAdvice?: number;
  namedHazard?: number;
  secondRed?: number;
  secondHazardForRed?: number;
  secondOffReport?: number;
  secondOverHedge?: number;
}

/** The rules' possible danger and the sixth round's urgency and hazard models, as the bot read before the second reading. */
function firstReading(text: string, read: string, rule: Danger | null, offReport: boolean, models: DangerModels, thresholds: DangerThresholds): Danger | null {
  const urgency = predict(models.urgency, read);
  const red = probabilityOf(urgency, "red");
  const advice = red + probabilityOf(urgency, "possible");
  if (offReport || advice < (thresholds.advice ?? MODEL_ADVICE)) {
    if (rule || advice < (offReport ? MODEL_ADVICE_OFF_REPORT : (thresholds.namedAdvice ?? MODEL_NAMED_ADVICE))) return rule;
    // The safety net: a hazard the line names or gives a sign of, that the hazard model is sure of, gets its
    // advice as a possible danger on weaker evidence of danger than a line that names none.
    const named = predict(models.hazard, read).ranked.find((entry) => namesHazard(read, entry.label as HazardId));
    if (!named || named.probability < (thresholds.namedHazard ?? MODEL_NAMED_HAZARD)) return null;
    return { hazard: named.label as HazardId, safety: isSafetyHazard(named.label as HazardId), tier: "possible" };
  }
  const guessed = rule ? null : predict(models.hazard, read);
  const hazard = rule?.hazard ?? (guessed!.label as HazardId);
  const sureOfHazard = !guessed || guessed.probability >= (thresholds.hazardForRed ?? MODEL_HAZARD_FOR_RED);
  // A line that denies this very hazard is not one the model alone pages on: at most it gets the advice.
  // Another hazard in the same line (「不是着火 是漏气」) is read as said.
  const denies = deniedHazards(text).has(hazard);
  const tier = red >= (thresholds.red ?? MODEL_RED) && sureOfHazard && !denies && !isHedged(text) ? "red" : "possible";
  if (tier === "red" || !guessed) return { hazard, safety: isSafetyHazard(hazard), tier };
  // A possible danger the models alone read gives the advice of a hazard the line names or gives a sign of:
  // the likeliest such hazard, or none (no gas advice on 「301漏水」 or 「地下车库入口」).
  const named = guessed.ranked.find((entry) => namesHazard(read, entry.label as HazardId))?.label as HazardId | undefined;
  return named ? { hazard: named, safety: isSafetyHazard(named), tier } : null;
}

/**
 * The second reading: a line the first reading does not read red is red when the urgency model trained on every
 * train writer (`secondUrgency`, far more ways of typing danger than the sixth round's 32 writers) is at least
 * SECOND_RED sure of it, the hazard (the rules', or else `secondHazard`'s at least SECOND_HAZARD_FOR_RED sure) is
 * not denied, and no hedge rule puts the line out of the present (unless the model is SECOND_OVER_HEDGE sure).
 * It only adds red: every line the first reading reads red, or gives advice, keeps it. Retrained in place of the
 * first, the models caught more on some new writers and lost red lines on others (rounds eleven, thirteen and
 * fourteen): a retrained model swaps one set of errors for another; added beside it, it cannot lose what the
 * committed one catches.
 */
function secondReading(text: string, read: string, rule: Danger | null, offReport: boolean, models: DangerModels, thresholds: DangerThresholds): Danger | null {
  const red = probabilityOf(predict(models.secondUrgency, read), "red");
  if (red < (thresholds.secondRed ?? SECOND_RED)) return null;
  if (offReport && red < (thresholds.secondOffReport ?? SECOND_OFF_REPORT)) return null;
  if (red < (thresholds.secondOverHedge ?? SECOND_OVER_HEDGE) && isHedged(text)) return null;
  const guessed = rule ? null : predict(models.secondHazard, read);
  if (guessed && guessed.probability < (thresholds.secondHazardForRed ?? SECOND_HAZARD_FOR_RED)) return null;
  const hazard = rule?.hazard ?? (guessed!.label as HazardId);
  if (deniedHazards(text).has(hazard)) return null;
  return { hazard, safety: isSafetyHazard(hazard), tier: "red" };
}

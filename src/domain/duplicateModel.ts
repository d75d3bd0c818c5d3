import type { PairModel } from "./pairModel.ts";

/**
 * The learnt similarity of two reports (written by scripts/training/choose-duplicate-threshold.ts --write):
 * fitted on the train writers' pairs and the tables A–D, penalty and threshold chosen by leave-one-writer-out
 * over the train writers (never the test writers).
 */
export const DUPLICATE_MODEL: PairModel = {
  features: [
    "wordingPairs",
    "wordingChars",
    "sameThings",
    "bothNameThings",
    "thingsOnOneSide",
    "oneNamesThings",
    "sameFaults",
    "oneNamesFault",
    "bothSayBroken",
    "sameCategory",
    "sameBuilding",
    "oneNamesBuilding",
    "sameUnit",
    "samePlaceWords",
    "sameThingsInSameBuilding",
  ],
  weights: [-4.81, 4.4359, 0.5445, -1.1987, -1.1902, -0.5922, 1.3704, -1.178, 0.4211, 1.3695, -0.501, -1.652, 1.4282, 0.2918, 0.2091],
  bias: 0.9692,
  threshold: 0.7,
};

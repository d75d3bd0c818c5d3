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
    "restPairs",
    "restChars",
  ],
  weights: [-6.6329, 3.0547, 1.2489, -0.7349, -1.2042, -0.3086, 1.7435, -0.825, -0.6046, 0.898, 0.0237, -0.8618, 1.7519, 1.2771, -0.1639, -0.5928, 3.8736],
  bias: -0.7408,
  threshold: 0.6,
};

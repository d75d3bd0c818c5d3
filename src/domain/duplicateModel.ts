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
  weights: [-6.7572, 2.9432, 0.809, -0.6001, -1.4158, -0.7294, 1.6945, -0.9108, -0.5313, 0.9178, 0.0452, -0.9728, 1.8217, 1.2869, -0.2284, -0.429, 3.5333],
  bias: -0.2827,
  threshold: 0.6,
};

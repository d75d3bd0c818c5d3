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
  weights: [-6.7212, 2.9526, 0.7909, -0.5942, -1.4111, -0.721, 1.7065, -0.8847, -0.5344, 0.9218, 0.029, -0.9724, 1.8134, 1.2743, -0.2138, -0.4405, 3.5078],
  bias: -0.289,
  threshold: 0.6,
};

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
    "dangerOnOneSide",
    "restWording",
    "sameTopic",
  ],
  weights: [
    -1.6985, 3.2657, 0.7539, -0.477, -0.7356, -0.0665, 0.9894, -0.6257, -0.3802, 0.9344, 0.9245, -1.0164, 1.2013, 0.9566, -0.2642, -1.2036, 2.5918, 0.9464,
  ],
  bias: -2.368,
  threshold: 0.5,
};

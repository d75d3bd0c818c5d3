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
    -1.3442, 3.1673, 0.766, -0.5116, -0.6955, -0.0987, 1.1219, -0.6752, -0.337, 1.031, 0.9195, -0.9544, 1.0962, 1.0754, -0.0681, -1.3232, 2.8901, 1.0229,
  ],
  bias: -2.623,
  threshold: 0.5,
};

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
    -1.7759, 2.9732, 0.8995, -0.4198, -0.7405, -0.1443, 0.9236, -0.8879, -0.4636, 1.1007, 0.7446, -0.9299, 1.0454, 0.9705, -0.014, -1.427, 2.7968, 1.3112,
  ],
  bias: -2.5239,
  threshold: 0.5,
};

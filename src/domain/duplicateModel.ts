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
    -1.8034, 2.6312, 0.7639, -0.2454, -0.7915, 0.0551, 0.8066, -0.8694, -0.4615, 0.8947, 0.6911, -0.9794, 1.0621, 0.884, -0.0506, -1.376, 2.8759, 1.4314,
  ],
  bias: -2.2616,
  threshold: 0.5,
};

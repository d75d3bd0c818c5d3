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
    -3.7144, 4.079, 0.9869, -0.5643, -0.8012, -0.0047, 1.0308, -0.6712, -0.4033, 0.9633, 1.0608, -1.1531, 1.6288, 1.0295, -0.4497, -1.5108, 3.7111, 0.8715,
  ],
  bias: -2.6044,
  threshold: 0.6,
};

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
    "someoneInDangerOnOneSide",
  ],
  weights: [
    -6.7653, 3.0961, 0.8623, -0.622, -1.4839, -0.6691, 1.748, -0.933, -0.7382, 0.9967, -0.0093, -1.0081, 2.0768, 1.3511, 0.0467, -0.7266, 3.9367, -1.8503,
  ],
  bias: -0.4477,
  threshold: 0.6,
};

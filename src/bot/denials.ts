/**
 * A hazard the writer denies is no danger: 「不是漏气 是没气」, 「勿是漏电 就是松」, 「没冒火」, 「没人在里面」,
 * 「里面没人」. The negation is scoped to the hazard or its sign right after it (in Mandarin and dialect), so
 * 「不是漏气 是着火了」 still reads the fire, and signs of danger that are themselves negative (没人应, 没反应,
 * 出不来, 叫不醒) are left alone: they are not in the list of hazards a negation can deny.
 */
import type { HazardId } from "./urgency.ts";

const NEGATION = "(?:并不是|不是|并没有|没有|没|冇|勿是|勿|唔系|唔是|唔|无|莫得|莫有|未|不)";
// What may stand between the negation and the hazard: 没(有)冒火, 不是(在)漏气, 没闻到煤气味.
const BRIDGE = "(?:是|有|在|发现|看到|看见|见|闻到|闻见|听到|什么|啥|啥子|么子)?";
const DENIABLE =
  "(?:打架|打交|打人|漏气|漏电|漏水|漏|着火|起火|失火|冒火|冒烟|明火|火|烟|塌|裂|(?:煤气|燃气|天然气|液化气)?(?:味道|臭味|气味|味)|人(?:在|喺)?(?:里面|里头|里边|里向|里厢|入面)|(?:被)?困(?:住|人)?|关人|伤(?:到|着)?(?:人)?|咬(?:到|着)?(?:人)?|砸(?:到|着)?(?:人)?)";
// Not a question (有没有人在里面, 是不是漏气, 会不会着火): that asks, it does not deny. Not a stove that will
// not light (打不着火). Not 「没气味」: voice input writes 煤气味 so (méiqì), and the writers mean the gas.
const DENIED_HAZARD = new RegExp(`(?<![有是会要能打点])(?!没气味)${NEGATION}${BRIDGE}${DENIABLE}`, "g");
// The place first, then no one in it: 「里面没人」, 「里头冇人了」.
// Not 「里面没人应」/「里头没人接」: no one answering is a sign of danger, not a denial.
const NO_ONE_INSIDE = /(?:里面|里头|里边|里向|里厢|入面|车里|屋里)(?:已经|都|早就?)?(?:没|冇|无|莫得)(?:有)?人(?![应接理回答搭])/g;

/** The text with each denied hazard blanked out (□), so neither the rules nor the models read it as said. */
export function withoutDenials(text: string): string {
  return text.replace(DENIED_HAZARD, "□").replace(NO_ONE_INSIDE, "□");
}

const DENIED_HARM = /伤|咬|砸/;

/**
 * The text with each denied hazard blanked, a harm denied (没咬到人, 没伤到人) kept: for the models, which read
 * 「狗没拴 没咬到人 但是一直追着小孩扑」 as the loose dog it is.
 */
export function withoutDeniedHazards(text: string): string {
  return text.replace(DENIED_HAZARD, (denial) => (DENIED_HARM.test(denial) ? denial : "□")).replace(NO_ONE_INSIDE, "□");
}

// Which hazard each denied word names. A harm denied (没伤到人, 没咬到人, 没砸到人) is no hazard denied: the
// loose dog or the falling tile is still there, so it caps nothing.
const HAZARDS_DENIED: readonly { word: RegExp; hazards: readonly HazardId[] }[] = [
  { word: /漏气|煤气|燃气|天然气|液化气|味/, hazards: ["gas", "carbonMonoxide"] },
  { word: /漏电/, hazards: ["electric", "waterElectric"] },
  { word: /漏水/, hazards: ["burstPipe"] },
  { word: /火|烟/, hazards: ["fire"] },
  { word: /塌|裂/, hazards: ["collapse"] },
  { word: /打/, hazards: ["violence"] },
  { word: /人|困/, hazards: ["lift", "lockedIn"] },
  { word: /^[^伤咬砸]*漏$/, hazards: ["gas", "electric", "burstPipe"] },
];

/** The hazards the text denies (「不是着火」 → fire), so a denial caps only the hazard it is about. */
export function deniedHazards(text: string): Set<HazardId> {
  const denied = new Set<HazardId>();
  for (const match of [...text.matchAll(DENIED_HAZARD), ...text.matchAll(NO_ONE_INSIDE)]) {
    if (DENIED_HARM.test(match[0])) continue;
    const entry = HAZARDS_DENIED.find((candidate) => candidate.word.test(match[0]));
    for (const hazard of entry?.hazards ?? []) denied.add(hazard);
  }
  return denied;
}

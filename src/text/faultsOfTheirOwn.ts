import { eitherWayRound } from "./eitherWayRound.ts";
import { ONLY_OWN_FLAT } from "./kindsOfMatter.ts";

/**
 * Faults that are a matter of their own, told on one side only: the other report, about the same thing, says
 * nothing of them. Someone shut in a lift is another matter than the lift stopped (电梯坏了不动 vs 电梯困人了), a
 * car left for a year than a car parked in the way (僵尸车 vs 停在路中央), smoking in the lift than its mess
 * (抽烟 vs 狗尿), a lamp on all day than one out (一直亮着 白天都不关 vs 灯坏了), one flat's tripped switch than a cut
 * (只有我家没电 vs 停电了), a lift slow than one stopped (慢得要命 vs 困人了).
 *
 * Each fault has the words that say it and the wider words that may hint at it: a side that only hints (停了两年,
 * 一层灰, 烟味) is not taken to say nothing of it.
 */
interface FaultOfItsOwn {
  id: string;
  said: RegExp;
  hinted: RegExp;
  /** The thing both sides must be about for the fault to part them, where it matters (smoking in the lift). */
  within?: RegExp;
}

const FAULTS: readonly FaultOfItsOwn[] = [
  {
    id: "trapped",
    said: /(?<![没睡])困(人|咗人|了|住|侬|着|在(?!屋|家))|囷人|关(了|住|咗|着)?(个|一个)?(人|孕妇|小孩|老人|孩子|老太太)|锁着(个|一个)?(小孩|孩子|人)|(里面|里头|里边|车里)(有|还有)(个|一个|俩|两个)?(人|小孩|老人|孩子)(?![^，。 ]{0,3}(抽|吸|吐|尿|拉|扔))|有人在(里面|里头)(?!抽|吸|吐|尿|拉|扔)|被关在(里|电梯|教室|车)|(人|小孩|孩子|老人)(被)?(关|锁)在.{0,4}里/,
    hinted: /困|关|锁|卡住|在里|里面|里头|出不来/,
  },
  {
    id: "abandoned",
    said: /僵尸|殭屍|(半|一|两|三|几|好几|[0-9]+)(个多?)?(年|月)(多)?(了)?(没|冇|无|莫|木)(人)?(动|挪|开|郁)|(没|冇|无|莫|木)(人)?(动|挪|郁)过|瘪|轮胎.{0,3}扁|胎都扁|灰厚|落满灰|一层灰|(没|冇)(有)?车?牌|(没|冇)(晒)?气/,
    hinted: /年|个?月|灰|尘|拖走|没人要|好久|一直没人|破车|烂车|胎|郁/,
    within: /车/,
  },
  {
    id: "smoking",
    said: /抽烟|吸烟|食烟|烟头/,
    hinted: /烟/,
    within: /电梯|轿厢|𨋢/,
  },
  {
    id: "alwaysOn",
    said: /不灭|不熄|唔熄|一直亮|白天(也|都)?(亮|开|着|不关)|日头都着|着到天光/,
    hinted: /白天|日头|天光|亮着|开着|着着/,
    within: /灯/,
  },
  {
    id: "ownFlat",
    said: ONLY_OWN_FLAT,
    hinted: /我家|我屋|俺家|自己家|跳闸|电表/,
  },
  {
    id: "slow",
    said: /(太|好|很|特别)慢|慢得|慢死|慢要命|慢吞吞|等(了)?.{0,3}分钟|天荒地老/,
    hinted: /慢|等/,
    within: /电梯|梯|𨋢/,
  },
];

/** The faults of their own a text says (trapped, abandoned, smoking, …). */
export function faultsOfTheirOwn(text: string): Set<string> {
  return new Set(FAULTS.filter((fault) => fault.said.test(text)).map((fault) => fault.id));
}

/** A fault of its own said on one side, about a thing both sides are about, and not even hinted at on the other. */
export function faultOfItsOwnOnOneSide(left: string, right: string): boolean {
  return FAULTS.some((fault) => {
    if (fault.within && !(fault.within.test(left) && fault.within.test(right))) return false;
    return eitherWayRound(
      left,
      right,
      (side) => fault.said.test(side),
      (side) => !fault.said.test(side) && !fault.hinted.test(side),
    );
  });
}

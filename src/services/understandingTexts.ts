import type { HazardId } from "../bot/urgency.ts";
import { COLOUR_LABELS, LEVEL_LABELS, type Colour, type Level } from "../domain/types.ts";

/** What the bot says when a message is not a new matter, and what it tells a resident in danger first. */

export const suggestion = (command: string) => `您是想「${command}」吗？确认的话请照这样再发一次。`;

export const GREETING = "您好！有问题 @我 直接说，例如「3号楼2单元楼道灯不亮」；发「帮助」看能做什么。";

export const THANKS = "不客气，有事随时 @我。";

export const NOTHING_OPEN =
  "没有找到你正在办理中的工单。发「我的」看你反映过的事项；如果是新问题，@我 直接说出来就能登记。";

export const followUpList = (lines: string[]) => [`你正在办理中的工单有 ${lines.length} 件，发「进度 编号」看详情：`, ...lines].join("\n");

/** First what to do now, then the ticket: a resident in danger reads the line that matters first. */
export const HAZARD_ADVICE: Record<HazardId, string> = {
  lift: "🚨 被困电梯：按轿厢内警铃或拨打轿厢内应急电话，也可拨打 96333（电梯应急救援）；被困的人不要扒门、不要试图爬出，保持冷静等待救援。",
  fire: "🚨 着火冒烟：立即拨打 119！不要乘电梯，用湿毛巾捂住口鼻，低姿沿楼梯往下撤离；被困时关门用湿布堵住门缝，到窗边呼救。",
  gas: "🚨 燃气泄漏：立即开窗通风，不要开关电灯电器、不要点火、不要在室内打电话；关闭燃气总阀，马上离开，到室外拨打燃气抢修电话或 119。",
  electric: "🚨 漏电危险：远离电线和冒火花处，不要用手碰；有人触电先拉下电闸断电再施救，并拨打 120；供电抢修拨打 95598。",
  waterElectric: "🚨 水淹电器：先拉下电闸断电，远离进水的配电箱和电器，不要蹚水靠近；电梯井进水时不要乘电梯。有危险拨打 119。",
  burstPipe: "🚨 水管爆裂：先关闭总水阀，远离被水浸到的电器和插座（必要时拉下电闸），提醒楼下邻居。",
  falling: "🚨 高处坠物：马上远离下方区域，提醒他人绕行；有人受伤拨打 120，危险持续请拨打 110 或 119。",
  collapse: "🚨 坍塌危险：立即撤离并疏散周围的人，不要靠近；拨打 119，有人被压请同时拨打 120。",
  medical: "🚨 有人受伤或昏迷：立即拨打 120！不要随意搬动摔伤的人；没有呼吸时，会心肺复苏的人立即施救，等救护车到。",
  violence: "🚨 有人动手或持械：先保护好自己、远离现场，立即拨打 110。",
  selfHarm: "🚨 有人想轻生：立即拨打 110 或 120；请身边的人陪着他、不要让他独处，不要刺激他。心理援助热线：12356。",
  animal: "🚨 有狗咬人：远离狗、不要奔跑或背对它，护住头颈；被咬后用肥皂水和流动清水冲洗伤口15分钟，尽快到医院打狂犬疫苗；有人正被攻击请拨打 110。",
  child: "🚨 孩子走失或遇险：立即拨打 110（落水、坠落同时拨打 120），请邻居帮忙在小区出入口和周边寻找，查看监控。",
};


export const CORRECTION_STAFF_ONLY = (n: number) => `只有本小区的书记、网格员、话事员或部门工作人员可以更正工单 #${n} 的类别和颜色。`;

export const UNKNOWN_CATEGORY = (word: string, names: string[]) => `没有「${word}」这个类别。可选：${names.join("、")}。`;

export const SAME_VALUE = (n: number, label: string) => `工单 #${n} 已经是「${label}」，不用改。`;

export const CLOSED_NO_CORRECTION = (n: number) => `工单 #${n} 已结束，不能再改类别或颜色。`;

export function recategorized(n: number, from: string, to: string): string {
  return `工单 #${n} 类别已由「${from}」改为「${to}」，已记录为学习样本。`;
}

export function recoloured(n: number, from: Colour, to: Colour, level: Level, acceptBy: string, resolveBy: string, moved: boolean): string {
  return [
    `工单 #${n} 已由「${COLOUR_LABELS[from]}」改为「${COLOUR_LABELS[to]}」${moved ? `，转由${LEVEL_LABELS[level]}处理` : ""}。`,
    `新期限：${acceptBy}前受理，${resolveBy}前办结。已记录为学习样本。`,
  ].join("\n");
}

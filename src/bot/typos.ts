import { COMMAND_SPECS } from "./commands.ts";

/**
 * A command word mistyped by one character ("授理 2", "派担 2 物业", "办洁 2"), as pinyin keyboards do. The
 * bot asks "您是想「受理 2」吗？" and runs nothing: acting on a guess could close the wrong matter.
 */

// Everyday words one character away from a command word that people do start sentences with.
const REAL_WORDS = new Set([
  "处理",
  "办理",
  "管理",
  "清理",
  "修理",
  "整理",
  "代理",
  "助理",
  "合理",
  "护理",
  "道理",
  "经理",
  "受到",
  "派出",
  "升起",
  "进入",
  "评论",
]);

const NUMBERED_WORDS: readonly string[] = [
  ...new Set(
    Object.values(COMMAND_SPECS)
      .filter((spec) => spec.grammar.shape === "ticket" || spec.grammar.shape === "meeting")
      .flatMap((spec) => spec.words),
  ),
];

// Characters a pinyin keyboard puts in place of a command word's character: homophones and near ones.
const SOUNDS_LIKE: Record<string, string> = {
  受: "授售收守兽寿瘦首手",
  理: "里礼李力利离立例厉",
  派: "排拍牌湃",
  单: "丹担但蛋弹旦胆",
  办: "半伴班版扮拌般板",
  结: "洁接节姐解借界杰捷街",
  驳: "博拨波剥播泊薄伯",
  回: "会汇灰挥毁惠慧",
  撤: "彻扯车澈",
  销: "消小晓肖效校",
  评: "平凭瓶苹坪屏",
  价: "家加假架嫁佳驾甲",
  进: "近金今尽紧劲禁",
  度: "渡都读毒杜肚独",
  升: "生声胜省身深",
  级: "及极集急即几吉记",
  附: "付副复负父服福富",
  议: "意义以一易亿异已",
  同: "通童铜桶",
  问: "文闻稳吻",
  拆: "差柴猜",
  分: "份粉纷奋",
  改: "该盖概",
  类: "累雷泪垒",
  色: "涩瑟塞",
  上: "尚伤商赏",
  会: "回汇惠绘",
  查: "茶差插察",
  询: "寻训讯循",
  展: "站占战沾",
  指: "只纸止直",
  交: "教叫较焦",
  报: "抱包保宝",
};

/** How the typed word differs from a command word: by one sound-alike character, by any one, or otherwise. */
function distance(typed: string, word: string): "soundsAlike" | "oneOff" | null {
  if (typed.length !== word.length || typed === word) return null;
  let at = -1;
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] === word[i]) continue;
    if (at !== -1) return null;
    at = i;
  }
  return SOUNDS_LIKE[word[at]!]?.includes(typed[at]!) ? "soundsAlike" : "oneOff";
}

// The number is taken whole (never "1" of "12号楼"), and a number that is a place or an amount is no ticket.
const TYPED = /^([\u4e00-\u9fff]{2,4})\s*(#?\d{1,9})(?!\d)(?!\s*(号楼|号|栋|楼|单元|层|室|户|元|块|点|分|岁|天|个|次|年|月|日))(.*)$/s;

/** The command the text probably meant, with the user's own arguments, or null. */
export function suggestCommand(text: string): string | null {
  const match = TYPED.exec(text.trim());
  if (!match) return null;
  const [, typed = "", number = "", , rest = ""] = match;
  if (REAL_WORDS.has(typed)) return null;
  const distances = NUMBERED_WORDS.map((word) => ({ word, distance: distance(typed, word) }));
  const soundsAlike = distances.filter((entry) => entry.distance === "soundsAlike").map((entry) => entry.word);
  const oneOff = distances.filter((entry) => entry.distance === "oneOff").map((entry) => entry.word);
  // A sound-alike wins; a plain one-character slip only when it points at a single command.
  const meant = soundsAlike.length === 1 ? soundsAlike[0] : soundsAlike.length === 0 && oneOff.length === 1 ? oneOff[0] : undefined;
  if (!meant) return null;
  return `${meant} ${number.replace("#", "")}${rest.trim() ? ` ${rest.trim()}` : ""}`;
}

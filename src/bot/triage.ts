import type { Colour } from "../domain/types.ts";
import type { Category } from "./taxonomy.ts";

// When two categories score the same, the more urgent or specific one wins.
const TIE_ORDER = ["safety", "charging", "noise", "parking", "business", "neighbor", "legal", "consult", "property", "sanitation", "repair"];

/** Whether `keyword` occurs other than negated: "打不着火" does not mention a fire. */
function mentions(text: string, keyword: string): boolean {
  for (let at = text.indexOf(keyword); at !== -1; at = text.indexOf(keyword, at + 1)) {
    const before = text[at - 1];
    if (keyword.startsWith("不") || before === undefined || !"不没".includes(before)) return true;
  }
  return false;
}

/** Picks the category whose keywords cover the most of the text; longer (more specific) keywords weigh more. */
export function classifyCategory(text: string, categories: readonly Category[]): { id: string; score: number } {
  let best = { id: "other", score: 0, rank: Number.MAX_SAFE_INTEGER };
  for (const category of categories) {
    let score = 0;
    for (const keyword of category.keywords) {
      if (mentions(text, keyword)) score += keyword.length;
    }
    const rank = TIE_ORDER.indexOf(category.id) === -1 ? TIE_ORDER.length : TIE_ORDER.indexOf(category.id);
    if (score > best.score || (score === best.score && score > 0 && rank < best.rank)) {
      best = { id: category.id, score, rank };
    }
  }
  return { id: best.id, score: best.score };
}

// Complex or involving several parties, or already raised without result. "没人清理" / "没人收" in a first
// report (垃圾桶满了没人清理) is the everyday: yellow, handled at the estate.
const ORANGE_PATTERNS = [
  /纠纷|矛盾|调解|协调|扯皮|推诿/,
  /多次|好几次|几次了|反复|一直没人?来?(管|修|解决|处理)|没人(管|来|处理)|没有人管|好几天|好多天|几个月|半年|很久了|好久了|一年|几年/,
  /集体|很多(业主|住户|居民|人)|好多(业主|户|人)|整栋|全楼|全小区|整个小区|(几|多)十户/,
  /欠薪|拖欠|起诉|打官司|仲裁/,
  // Shops and stalls answer to enforcement (执法), not to the property company.
  /油烟|占道经营|夜市|摆摊|摊贩/,
];
const ORANGE_CATEGORIES = new Set(["neighbor", "legal"]);

// Questions and suggestions: answered, not repaired.
const BLUE_PATTERNS = [
  /^(建议|咨询)/,
  /请问|想问|问一下|咨询|怎么(办理|申请|交|报名)|如何(办理|申请)|需要(什么|哪些)材料|建议|能不能.{0,10}(增加|加装|设置|安装)/,
];
const BLUE_CATEGORIES = new Set(["consult"]);

/**
 * The grade of a report that is not urgent (red is urgency.ts's alone): orange for complex, repeated or
 * collective matters, blue for questions and suggestions, yellow for the everyday.
 */
export function gradeColourByRules(text: string, categoryId: string): Exclude<Colour, "red"> {
  if (ORANGE_PATTERNS.some((pattern) => pattern.test(text))) return "orange";
  if (BLUE_CATEGORIES.has(categoryId) || BLUE_PATTERNS.some((pattern) => pattern.test(text))) return "blue";
  if (ORANGE_CATEGORIES.has(categoryId)) return "orange";
  return "yellow";
}

// Words that say something is wrong, for messages that name no category.
const PROBLEM_WORDS =
  /坏|漏|堵|破|烂|不亮|不通|不能用|没法用|用不了|没人管|太吵|乱|脏|臭|危险|投诉|反映|麻烦|帮忙|帮帮|怎么办|请问|求助|问题|隐患|故障|影响|水[^，。！？\s]{0,5}(发?黄|发?浑|浑浊|有异味|发臭|有沙)/;

// Greetings, thanks and small talk addressed to the bot: answered with help, never a ticket.
const SMALL_TALK = /^(你好|您好|在吗|在不在|谢谢|感谢|辛苦|哈哈|早上好|晚上好|中午好|早安|晚安|好的|收到|嗯|哦|ok|测试)/i;
const SUBSTANTIVE_LENGTH = 8;

/** Whether the text has a word that says something is wrong (坏, 漏, 没人管…). */
export function namesSomethingWrong(text: string): boolean {
  return PROBLEM_WORDS.test(text);
}

/**
 * Whether an addressed message that is not a command describes a matter worth a ticket: it names a
 * category or a problem, or it is a full sentence that is not small talk. A resident who @-mentions the
 * bot with a whole sentence is raising something, even in words no keyword list foresaw (filed as 其他).
 */
export function looksLikeProblem(text: string, categoryScore: number, urgent = false): boolean {
  if (urgent || categoryScore > 0 || PROBLEM_WORDS.test(text)) return true;
  const letters = text.replace(/[\s\p{P}\p{S}]/gu, "");
  return letters.length >= SUBSTANTIVE_LENGTH && !SMALL_TALK.test(letters);
}

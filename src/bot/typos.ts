import { COMMAND_SPECS } from "./commands.ts";

/**
 * A command word mistyped by one character ("授理 2", "派担 2 物业", "办洁 2"), as pinyin keyboards do. The
 * bot asks "您是想「受理 2」吗？" and runs nothing: acting on a guess could close the wrong matter.
 */

// Everyday words one character away from a command word that people do start sentences with.
const REAL_WORDS = new Set(["处理", "办理", "管理", "清理", "修理", "整理", "代理", "助理", "合理", "护理", "道理", "经理", "受到", "派出", "升起", "进入", "评论"]);

const NUMBERED_WORDS = COMMAND_SPECS.filter((spec) => spec.shape === "ticket" || spec.shape === "meeting").flatMap((spec) => spec.words);

function oneCharacterApart(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
  return differences === 1;
}

const TYPED = /^([\u4e00-\u9fff]{2,4})\s*(#?\d{1,9})(?!\s*(号楼|号|栋|楼|单元|层|室|户|元|块|点|分|岁|天|个|次|年|月|日))(.*)$/s;

/** The command the text probably meant, with the user's own arguments, or null. */
export function suggestCommand(text: string): string | null {
  const match = TYPED.exec(text.trim());
  if (!match) return null;
  const [, typed = "", number = "", , rest = ""] = match;
  if (REAL_WORDS.has(typed)) return null;
  const candidates = [...new Set(NUMBERED_WORDS.filter((word) => oneCharacterApart(typed, word)))];
  if (candidates.length !== 1) return null;
  return `${candidates[0]} ${number.replace("#", "")}${rest.trim() ? ` ${rest.trim()}` : ""}`;
}

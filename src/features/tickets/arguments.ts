import { isCountyDepartment } from "../../domain/departments.ts";
import type { Colour, Outcome } from "../../domain/types.ts";

/** How the tickets' commands read their arguments beyond the grammar: colours, assignees, 办结 results. */

const COLOUR_WORDS: [RegExp, Colour][] = [
  [/^(红|红色|紧急)$/, "red"],
  [/^(橙|橙色|复杂)$/, "orange"],
  [/^(黄|黄色|一般)$/, "yellow"],
  [/^(蓝|蓝色|咨询|建议)$/, "blue"],
];

/** 红, 橙色, 紧急…: the colour a 改色 names, or null. */
export function colourNamed(word: string): Colour | null {
  return COLOUR_WORDS.find(([pattern]) => pattern.test(word))?.[1] ?? null;
}

/** Whom a 派单 names: a county department, a role of the ticket's units (物业, 网格员), or a person. */
export type Assignee =
  { kind: "department"; name: string } | { kind: "role"; role: "property" | "grid_worker"; name: string } | { kind: "person"; name: string };

const ROLE_ASSIGNEES = new Map<string, "property" | "grid_worker">([
  ["物业", "property"],
  ["物业公司", "property"],
  // Many people say 物管 (物业管理) for the property company.
  ["物管", "property"],
  ["物管处", "property"],
  ["网格员", "grid_worker"],
  ["网格", "grid_worker"],
]);

export function readAssignee(target: string, departments: readonly string[]): Assignee {
  const name = target.replace(/^@/, "").trim();
  if (isCountyDepartment(name, departments)) return { kind: "department", name };
  const role = ROLE_ASSIGNEES.get(name);
  return role ? { kind: "role", role, name } : { kind: "person", name };
}

/**
 * A 办结 result that only says someone was told, or the matter handed on ("已通知物业换灯"), records no
 * result: it is refused, with the way to give the real result or record a transfer to a named unit.
 */
export function onlyPassedOn(result: string): boolean {
  if (!/^(已经?|刚刚?)?(通知|告知|转告|联系|反馈给|反映给|交给|转给|上报|报给)/.test(result)) return false;
  return !/[，,；;。]\s*(并且?|现)?(已经?|均已)(修|换|更换|解决|处理|清理|完成|办好|恢复)/.test(result);
}

/** 办结 results that are not fixes are kept apart, so statistics count only real fixes as solved. */
export function outcomeOf(result: string): Outcome {
  if (/^(无法解决|无法办理|无法处理|解决不了|不能解决)/.test(result)) return "cannot_fix";
  if (/^(已?转办|已?转交|转至|移交)/.test(result)) return "transferred";
  return "fixed";
}

import { LEVEL_LABELS, ROLE_LABELS, type Level, type Role } from "../../domain/types.ts";

/** Every sentence about groups: binding a chat, granting roles, naming members. */

export const UNBOUND_HINT = "本群还没有绑定到社区单位，暂时不能登记。请管理员在群里发「绑定 小区名称」。";
export const NOT_OPERATOR = "只有配置的管理员可以绑定群。";
export const NO_SUCH_UNIT = (name: string) => `找不到名为「${name}」的单位，请核对名称。`;
export const AMBIGUOUS_UNIT = (count: number, name: string) => `有 ${count} 个单位叫「${name}」，请通过管理接口按单位编号绑定。`;
export const groupKindLabel = (kind: "residents" | "staff") => (kind === "residents" ? "居民议事群" : "工作群");
export const defaultGroupName = (unitName: string, kind: "residents" | "staff") => `${unitName}${groupKindLabel(kind)}`;
export const bound = (unitName: string, level: Level, kind: "residents" | "staff") =>
  `已将本群绑定为「${unitName}」（${LEVEL_LABELS[level]}）的${groupKindLabel(kind)}。居民 @我 说出问题即可登记工单。`;
export const alreadyBound = (unitName: string) => `本群已绑定到「${unitName}」。如需改绑，请通过管理接口修改。`;
export const notInGroupForRole = (name: string) => `本群里找不到「${name}」，请让对方先 @我 说一句话，或在消息里 @ 对方。`;
export const notInGroup = (name: string) => `本群里找不到「${name}」。`;
export const severalInGroup = (name: string) => `本群有多位「${name}」，请在消息里 @ 对方。`;
export const roleGranted = (name: string, role: Role, staff: boolean) =>
  `已将 ${name} 设为本群的${ROLE_LABELS[role]}${staff ? "，可处理本单位及下级的工单" : ""}。`;
/** 设为 refused by the role ceilings (domain/permissions.ts, roleGrantRefusal): nothing is changed. */
export const roleAboveOwn = (own: Role, role: Role, grantable: readonly Role[]) =>
  `${ROLE_LABELS[own]}只能把成员设为${grantable.map((r) => ROLE_LABELS[r]).join("、")}；设为${ROLE_LABELS[role]}需要${role === "department" ? "管理员" : "书记或管理员"}来操作。`;
export const roleTargetAbove = (name: string, current: Role) => `${name}是本群的${ROLE_LABELS[current]}，只有同级或更高级别的工作人员、管理员可以调整其角色。`;
export const roleRaisesSelf = "不能提升自己的角色，请由书记或管理员来设置。";

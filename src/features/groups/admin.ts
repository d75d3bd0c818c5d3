import { Refusal } from "../../domain/refusal.ts";
import { ROLE_LABELS, STAFF_ROLES, type Role } from "../../domain/types.ts";
import type { IncomingMessage } from "../../messaging/types.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { createBoundGroup, findMemberByPlatformUser, membersNamedInGroup, unitsNamed, upsertMembership, enrolMember, type GroupRecord } from "../../store/org.ts";
import { LEVEL_LABELS, type Level } from "../../domain/types.ts";
import type { MessageContext, ServiceSettings } from "../context.ts";
import { reply } from "../posts.ts";

/** Operators named in BIND_OPERATORS: they bind chats to units and grant roles anywhere. */
export function isOperator(settings: ServiceSettings, message: Pick<IncomingMessage, "platform" | "userId">): boolean {
  return settings.operators.has(`${message.platform}:${message.userId}`);
}

export const UNBOUND_HINT = "本群还没有绑定到社区单位，暂时不能登记。请管理员在群里发「绑定 小区名称」。";
export const NOT_OPERATOR = "只有配置的管理员可以绑定群。";

/** 绑定 <单位名>: ties an unbound platform chat to a unit, as a residents' group (estate) or a work group. */
export async function bindChat(
  tx: Tx,
  message: IncomingMessage,
  unitName: string,
  kind: "residents" | "staff" | null,
): Promise<{ group: GroupRecord; text: string }> {
  const units = await unitsNamed(tx, unitName);
  if (units.length === 0) throw new Refusal(`找不到名为「${unitName}」的单位，请核对名称。`);
  if (units.length > 1) throw new Refusal(`有 ${units.length} 个单位叫「${unitName}」，请通过管理接口按单位编号绑定。`);
  const unit = units[0]!;
  const groupKind = kind ?? (unit.level === "estate" ? "residents" : "staff");
  const name = message.chatTitle ?? `${unit.name}${groupKind === "residents" ? "居民议事群" : "工作群"}`;
  const group = await createBoundGroup(tx, { platform: message.platform, chatId: message.chatId, unitId: unit.id, kind: groupKind, name });
  const kindLabel = groupKind === "residents" ? "居民议事群" : "工作群";
  return { group, text: `已将本群绑定为「${unit.name}」（${LEVEL_LABELS[unit.level as Level]}）的${kindLabel}。居民 @我 说出问题即可登记工单。` };
}

/** 设为 @某人 <角色>: operators, and secretaries or grid workers of the group's unit or above, grant roles here. */
export async function setRole(tx: Tx, ctx: MessageContext, message: IncomingMessage, target: string, role: Role): Promise<PostDraft[]> {
  const mayGrant =
    isOperator(ctx.settings, message) ||
    (["secretary", "grid_worker"].includes(ctx.role) &&
      ctx.units.ancestry(ctx.group.unitId).some((unit) => ctx.authority.staffUnitIds.has(unit.id)));
  if (!mayGrant) throw new Refusal("只有书记、网格员或管理员可以设置角色。");

  let memberId: string | undefined;
  let name = target;
  const mentioned = message.mentionedUserIds?.[0];
  if (mentioned) {
    const member = (await findMemberByPlatformUser(tx, message.platform, mentioned)) ?? (await enrolMember(tx, message.platform, mentioned, target));
    memberId = member.id;
    name = member.name;
  } else {
    const candidates = await membersNamedInGroup(tx, ctx.group.id, target);
    if (candidates.length === 0) throw new Refusal(`本群里找不到「${target}」，请让对方先 @我 说一句话，或在消息里 @ 对方。`);
    if (candidates.length > 1) throw new Refusal(`本群有多位「${target}」，请在消息里 @ 对方。`);
    memberId = candidates[0]!.id;
  }
  await upsertMembership(tx, ctx.group.id, memberId, role);
  const scope = STAFF_ROLES.has(role) ? "，可处理本单位及下级的工单" : "";
  return [reply(ctx, `已将 ${name} 设为本群的${ROLE_LABELS[role]}${scope}。`)];
}

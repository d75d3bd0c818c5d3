import { grantableRoles, roleGrantRefusal, type RoleGrantRefusal } from "../../domain/permissions.ts";
import { Refusal } from "../../domain/refusal.ts";
import { STAFF_ROLES, type Role } from "../../domain/types.ts";
import type { IncomingMessage } from "../../messaging/types.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import {
  createBoundGroup,
  findMemberByPlatformUser,
  membersNamedInGroup,
  roleIn,
  unitsNamed,
  upsertMembership,
  enrolMember,
  type GroupRecord,
} from "../../store/org.ts";
import type { Level } from "../../domain/types.ts";
import type { MessageContext, ServiceSettings } from "../context.ts";
import { reply } from "../posts.ts";
import * as texts from "./texts.ts";

/** Operators named in BIND_OPERATORS: they bind chats to units and grant roles anywhere. */
export function isOperator(settings: ServiceSettings, message: Pick<IncomingMessage, "platform" | "userId">): boolean {
  return settings.operators.has(`${message.platform}:${message.userId}`);
}

/** 绑定 <单位名>: ties an unbound platform chat to a unit, as a residents' group (estate) or a work group. */
export async function bindChat(
  tx: Tx,
  message: IncomingMessage,
  unitName: string,
  kind: "residents" | "staff" | null,
): Promise<{ group: GroupRecord; text: string }> {
  const units = await unitsNamed(tx, unitName);
  if (units.length === 0) throw new Refusal(texts.NO_SUCH_UNIT(unitName));
  if (units.length > 1) throw new Refusal(texts.AMBIGUOUS_UNIT(units.length, unitName));
  const unit = units[0]!;
  const groupKind = kind ?? (unit.level === "estate" ? "residents" : "staff");
  const name = message.chatTitle ?? texts.defaultGroupName(unit.name, groupKind);
  const group = await createBoundGroup(tx, { platform: message.platform, chatId: message.chatId, unitId: unit.id, kind: groupKind, name });
  return { group, text: texts.bound(unit.name, unit.level as Level, groupKind) };
}

function roleRefusalText(refusal: RoleGrantRefusal, own: Role, role: Role, name: string, targetRole: Role | null): string {
  switch (refusal) {
    case "raisesSelf":
      return texts.roleRaisesSelf;
    case "aboveOwn":
      return texts.roleAboveOwn(own, role, grantableRoles(own));
    case "targetAbove":
      return texts.roleTargetAbove(name, targetRole!);
  }
}

/**
 * 设为 @某人 <角色>: operators, and secretaries or grid workers of the group's unit or above (the registry's
 * groupAdmin rule), grant roles here, each at most up to their own role (domain/permissions.ts).
 */
export async function setRole(tx: Tx, ctx: MessageContext, message: IncomingMessage, target: string, role: Role): Promise<PostDraft[]> {
  let memberId: string | undefined;
  let name = target;
  const mentioned = message.mentionedUserIds?.[0];
  if (mentioned) {
    const member = (await findMemberByPlatformUser(tx, message.platform, mentioned)) ?? (await enrolMember(tx, message.platform, mentioned, target));
    memberId = member.id;
    name = member.name;
  } else {
    const candidates = await membersNamedInGroup(tx, ctx.group.id, target);
    if (candidates.length === 0) throw new Refusal(texts.notInGroupForRole(target));
    if (candidates.length > 1) throw new Refusal(texts.severalInGroup(target));
    memberId = candidates[0]!.id;
  }
  const targetRole = await roleIn(tx, ctx.group.id, memberId);
  const granter = isOperator(ctx.settings, message) ? "operator" : ctx.role;
  const refusal = roleGrantRefusal({ granter, role, targetRole, self: memberId === ctx.member.id });
  if (refusal) throw new Refusal(roleRefusalText(refusal, ctx.role, role, name, targetRole));
  await upsertMembership(tx, ctx.group.id, memberId, role);
  return [reply(ctx, texts.roleGranted(name, role, STAFF_ROLES.has(role)))];
}

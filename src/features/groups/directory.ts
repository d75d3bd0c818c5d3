import { NotFound } from "../../domain/refusal.ts";
import type { Role } from "../../domain/types.ts";
import type { Database } from "../../store/database.ts";
import {
  type GroupRecord,
  enrolMember,
  findGroup,
  findMemberByPlatformUser,
  findUnit,
  renameMember,
  upsertGroupBinding,
  upsertMembership,
} from "../../store/org.ts";

export interface GroupBinding {
  /** A registered platform's name. */
  platform: string;
  chatId: string;
  unitId: string;
  kind: "residents" | "staff";
  name: string;
  pushKey?: string | null;
  pushSecret?: string | null;
  reminderOffsetsMinutes?: number[] | null;
}

/** How the API shows a group: credentials are never echoed, only whether they are set. */
export function describeGroup(group: GroupRecord) {
  const { pushKey, pushSecret, calendarToken, reminderOffsets, ...rest } = group;
  return {
    ...rest,
    pushConfigured: Boolean(pushKey),
    pushSigned: Boolean(pushSecret),
    reminderOffsetsMinutes: reminderOffsets ? (JSON.parse(reminderOffsets) as number[]) : null,
  };
}

export async function bindGroup(db: Database, binding: GroupBinding) {
  const unit = await findUnit(db, binding.unitId);
  if (!unit) throw new NotFound(`no unit ${binding.unitId}`);
  const { reminderOffsetsMinutes, ...rest } = binding;
  const reminderOffsets = reminderOffsetsMinutes === undefined ? undefined : reminderOffsetsMinutes === null ? null : JSON.stringify(reminderOffsetsMinutes);
  const { group, created } = await upsertGroupBinding(db, { ...rest, ...(reminderOffsets !== undefined ? { reminderOffsets } : {}) });
  return { group: describeGroup(group), created };
}

/** PUT /api/groups/:groupId/members: the admin token stands above every role ceiling (domain/permissions.ts), as an operator does. */
export async function grantRole(db: Database, groupId: string, grant: { platformUserId: string; name?: string; role: Role }) {
  const group = await findGroup(db, groupId);
  if (!group) throw new NotFound(`no group ${groupId}`);
  const member =
    (await findMemberByPlatformUser(db, group.platform, grant.platformUserId)) ??
    (await enrolMember(db, group.platform, grant.platformUserId, grant.name ?? grant.platformUserId));
  if (grant.name && grant.name !== member.name) await renameMember(db, member.id, grant.name);
  await upsertMembership(db, group.id, member.id, grant.role);
  return { groupId: group.id, memberId: member.id, platformUserId: grant.platformUserId, name: grant.name ?? member.name, role: grant.role };
}

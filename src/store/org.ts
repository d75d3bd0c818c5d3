import { randomUUID } from "node:crypto";
import type { Level, Role } from "../domain/types.ts";
import { UnitTree, type UnitNode } from "../domain/units.ts";
import type { Database, Tx } from "./database.ts";

type Client = Database | Tx;

export interface GroupRecord {
  id: string;
  name: string;
  kind: string;
  unitId: string;
  platform: string;
  chatId: string;
  pushKey: string | null;
  pushSecret: string | null;
  calendarToken: string | null;
  reminderOffsets: string | null;
}

export interface MemberRecord {
  id: string;
  name: string;
  platform: string;
  platformUserId: string;
}

export interface MembershipRecord {
  groupId: string;
  groupKind: string;
  unitId: string;
  role: Role;
}

export async function loadUnitTree(client: Client): Promise<UnitTree> {
  const units = await client.unit.findMany();
  return new UnitTree(units.map((unit) => ({ ...unit, level: unit.level as Level }) satisfies UnitNode));
}

export function findGroupByChat(client: Client, platform: string, chatId: string): Promise<GroupRecord | null> {
  return client.group.findUnique({ where: { platform_chatId: { platform, chatId } } });
}

export function findGroup(client: Client, id: string): Promise<GroupRecord | null> {
  return client.group.findUnique({ where: { id } });
}

export function findMemberByPlatformUser(client: Client, platform: string, platformUserId: string): Promise<MemberRecord | null> {
  return client.member.findUnique({ where: { platform_platformUserId: { platform, platformUserId } } });
}

export function findMember(client: Client, id: string): Promise<MemberRecord | null> {
  return client.member.findUnique({ where: { id } });
}

export async function membershipsOf(client: Client, memberId: string): Promise<MembershipRecord[]> {
  const rows = await client.membership.findMany({ where: { memberId }, include: { group: true } });
  return rows.map((row) => ({ groupId: row.groupId, groupKind: row.group.kind, unitId: row.group.unitId, role: row.role as Role }));
}

export async function roleIn(client: Client, groupId: string, memberId: string): Promise<Role | null> {
  const row = await client.membership.findUnique({ where: { groupId_memberId: { groupId, memberId } } });
  return (row?.role as Role | undefined) ?? null;
}

/** Members holding one of `roles` in any group of the given units, nearest unit first. */
export async function membersWithRoleInUnits(
  client: Client,
  unitIds: readonly string[],
  roles: readonly Role[],
): Promise<(MemberRecord & { role: Role; unitId: string })[]> {
  const rows = await client.membership.findMany({
    where: { role: { in: [...roles] }, group: { unitId: { in: [...unitIds] } } },
    include: { member: true, group: true },
    orderBy: { memberId: "asc" },
  });
  const seen = new Set<string>();
  return rows
    .sort((a, b) => unitIds.indexOf(a.group.unitId) - unitIds.indexOf(b.group.unitId))
    .filter((row) => !seen.has(row.memberId) && seen.add(row.memberId))
    .map((row) => ({ ...row.member, role: row.role as Role, unitId: row.group.unitId }));
}

/** People named `name` who belong to any group of the given units. */
export async function membersNamedInUnits(client: Client, unitIds: readonly string[], name: string): Promise<MemberRecord[]> {
  return client.member.findMany({
    where: { name, memberships: { some: { group: { unitId: { in: [...unitIds] } } } } },
  });
}

export function staffGroupsOfUnit(client: Client, unitId: string): Promise<GroupRecord[]> {
  return client.group.findMany({ where: { unitId, kind: "staff" }, orderBy: { id: "asc" } });
}

export interface GroupDirectoryEntry extends GroupRecord {
  unit: { id: string; name: string; level: string };
  members: { id: string; name: string; role: string }[];
}

export async function listGroupsWithMembers(client: Client, platform?: string): Promise<GroupDirectoryEntry[]> {
  const groups = await client.group.findMany({
    where: platform ? { platform } : {},
    include: { unit: true, memberships: { include: { member: true } } },
    orderBy: { id: "asc" },
  });
  return groups.map(({ memberships, unit, ...group }) => ({
    ...group,
    unit: { id: unit.id, name: unit.name, level: unit.level },
    members: memberships
      .map((membership) => ({ id: membership.member.id, name: membership.member.name, role: membership.role }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  }));
}

export function groupsByIds(client: Client, ids: readonly string[]): Promise<GroupRecord[]> {
  return client.group.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: "asc" } });
}

export function unitsNamed(client: Client, name: string) {
  return client.unit.findMany({ where: { name }, orderBy: { id: "asc" } });
}

export function createBoundGroup(tx: Tx, group: { platform: string; chatId: string; unitId: string; kind: string; name: string }): Promise<GroupRecord> {
  return tx.group.create({ data: { id: `g-${group.platform}-${randomUUID().slice(0, 8)}`, ...group } });
}

/** A platform user seen for the first time. */
export function enrolMember(client: Client, platform: string, platformUserId: string, name: string): Promise<MemberRecord> {
  return client.member.create({ data: { id: `m-${platform}-${randomUUID().slice(0, 8)}`, platform, platformUserId, name } });
}

export async function upsertMembership(client: Client, groupId: string, memberId: string, role: Role): Promise<void> {
  await client.membership.upsert({
    where: { groupId_memberId: { groupId, memberId } },
    create: { groupId, memberId, role },
    update: { role },
  });
}

export function membersNamedInGroup(client: Client, groupId: string, name: string): Promise<MemberRecord[]> {
  return client.member.findMany({ where: { name, memberships: { some: { groupId } } } });
}

/** The group a member's private messages are filed under: their residents' group first, then any group. */
export async function homeGroupOf(client: Client, memberId: string): Promise<{ group: GroupRecord; role: Role } | null> {
  const rows = await client.membership.findMany({ where: { memberId }, include: { group: true }, orderBy: { groupId: "asc" } });
  const home = rows.find((row) => row.group.kind === "residents") ?? rows[0];
  return home ? { group: home.group, role: home.role as Role } : null;
}

export async function updateGroupPush(client: Client, id: string, push: { pushKey: string | null; pushSecret: string | null }) {
  return client.group.update({ where: { id }, data: push });
}

export function findUnit(client: Client, id: string) {
  return client.unit.findUnique({ where: { id } });
}

export async function renameMember(client: Client, id: string, name: string): Promise<void> {
  await client.member.update({ where: { id }, data: { name } });
}

/** Binds a platform chat to a unit, or updates the binding (unit, kind, name, push credentials) if it exists. */
export async function upsertGroupBinding(
  client: Client,
  binding: {
    platform: string;
    chatId: string;
    unitId: string;
    kind: string;
    name: string;
    pushKey?: string | null;
    pushSecret?: string | null;
    reminderOffsets?: string | null;
  },
): Promise<{ group: GroupRecord; created: boolean }> {
  const existing = await findGroupByChat(client, binding.platform, binding.chatId);
  const data = {
    unitId: binding.unitId,
    kind: binding.kind,
    name: binding.name,
    ...(binding.pushKey !== undefined ? { pushKey: binding.pushKey } : {}),
    ...(binding.pushSecret !== undefined ? { pushSecret: binding.pushSecret } : {}),
    ...(binding.reminderOffsets !== undefined ? { reminderOffsets: binding.reminderOffsets } : {}),
  };
  if (existing) return { group: await client.group.update({ where: { id: existing.id }, data }), created: false };
  const id = `g-${binding.platform}-${randomUUID().slice(0, 8)}`;
  return { group: await client.group.create({ data: { id, platform: binding.platform, chatId: binding.chatId, ...data } }), created: true };
}

/** The staff work groups of the nearest unit in `unitIds` (nearest first) that has any. */
export async function nearestStaffGroups(client: Client, unitIds: readonly string[]): Promise<GroupRecord[]> {
  const groups = await client.group.findMany({ where: { kind: "staff", unitId: { in: [...unitIds] } }, orderBy: { id: "asc" } });
  for (const unitId of unitIds) {
    const here = groups.filter((group) => group.unitId === unitId);
    if (here.length) return here;
  }
  return [];
}

/** Members holding one of `roles` in the given groups. */
export async function membersWithRoleInGroups(client: Client, groupIds: readonly string[], roles: readonly Role[]): Promise<MemberRecord[]> {
  const rows = await client.membership.findMany({
    where: { groupId: { in: [...groupIds] }, role: { in: [...roles] } },
    include: { member: true },
    orderBy: { memberId: "asc" },
  });
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.memberId) && seen.add(row.memberId)).map((row) => row.member);
}

export function allGroups(client: Client): Promise<GroupRecord[]> {
  return client.group.findMany({ orderBy: { id: "asc" } });
}

/** Display names of the given members, in the given order. */
export async function memberNames(client: Client, ids: readonly string[]): Promise<string[]> {
  const members = await client.member.findMany({ where: { id: { in: [...ids] } } });
  const byId = new Map(members.map((member) => [member.id, member.name]));
  return ids.map((id) => byId.get(id) ?? id);
}

import { randomUUID } from "node:crypto";
import type { Role } from "../domain/types.ts";
import type { UnitTree } from "../domain/units.ts";
import { connectionOf, type Database, type Tx } from "./database.ts";
import { directoryOn, type Directory } from "./directory.ts";

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

/** The organisation, from memory (see directory.ts): lookups by it cost no SQL while nothing changed. */
export async function organisation(client: Client): Promise<Directory> {
  return directoryOn(await connectionOf(client));
}

export async function loadUnitTree(client: Client): Promise<UnitTree> {
  return (await organisation(client)).units;
}

export async function findGroupByChat(client: Client, platform: string, chatId: string): Promise<GroupRecord | null> {
  return (await organisation(client)).groupByChat(platform, chatId);
}

export async function findGroup(client: Client, id: string): Promise<GroupRecord | null> {
  return (await organisation(client)).group(id);
}

export async function findMemberByPlatformUser(client: Client, platform: string, platformUserId: string): Promise<MemberRecord | null> {
  return (await organisation(client)).memberByPlatformUser(platform, platformUserId)?.member ?? null;
}

export async function findMember(client: Client, id: string): Promise<MemberRecord | null> {
  return (await organisation(client)).member(id)?.member ?? null;
}

export async function membershipsOf(client: Client, memberId: string): Promise<MembershipRecord[]> {
  return [...((await organisation(client)).member(memberId)?.memberships ?? [])];
}

export async function roleIn(client: Client, groupId: string, memberId: string): Promise<Role | null> {
  return (await organisation(client)).member(memberId)?.memberships.find((membership) => membership.groupId === groupId)?.role ?? null;
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

export async function staffGroupsOfUnit(client: Client, unitId: string): Promise<GroupRecord[]> {
  return (await organisation(client)).groupsOfUnit(unitId).filter((group) => group.kind === "staff");
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

/** Whether a member belongs to a group, answered from the organisation in memory. */
export async function membershipCheck(client: Client): Promise<(groupId: string, memberId: string) => boolean> {
  const directory = await organisation(client);
  return (groupId, memberId) => directory.member(memberId)?.memberships.some((membership) => membership.groupId === groupId) ?? false;
}

export async function groupsByIds(client: Client, ids: readonly string[]): Promise<GroupRecord[]> {
  const directory = await organisation(client);
  return [...new Set(ids)]
    .map((id) => directory.group(id))
    .filter((group): group is GroupRecord => group !== null)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
  const directory = await organisation(client);
  const memberships = directory.member(memberId)?.memberships ?? [];
  const home = memberships.find((membership) => membership.groupKind === "residents") ?? memberships[0];
  const group = home && directory.group(home.groupId);
  return home && group ? { group, role: home.role } : null;
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
  const directory = await organisation(client);
  for (const unitId of unitIds) {
    const here = directory.groupsOfUnit(unitId).filter((group) => group.kind === "staff");
    if (here.length) return [...here];
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

export async function allGroups(client: Client): Promise<GroupRecord[]> {
  return [...(await organisation(client)).groups()];
}

/** Display names of the given members, in the given order. */
export async function memberNames(client: Client, ids: readonly string[]): Promise<string[]> {
  const members = await client.member.findMany({ where: { id: { in: [...ids] } } });
  const byId = new Map(members.map((member) => [member.id, member.name]));
  return ids.map((id) => byId.get(id) ?? id);
}

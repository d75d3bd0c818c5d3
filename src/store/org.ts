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

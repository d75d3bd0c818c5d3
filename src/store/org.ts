import { randomUUID } from "node:crypto";
import type { Role } from "../domain/types.ts";
import type { UnitTree } from "../domain/units.ts";
import type { Database, Tx } from "./database.ts";
import { directoryOf, type CachedMember, type Directory } from "./directory.ts";

type Client = Database;

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
  return await directoryOf(client);
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
  return (await (await organisation(client)).memberByPlatformUser(platform, platformUserId))?.member ?? null;
}

export async function findMember(client: Client, id: string): Promise<MemberRecord | null> {
  return (await (await organisation(client)).member(id))?.member ?? null;
}

export async function membershipsOf(client: Client, memberId: string): Promise<MembershipRecord[]> {
  return [...((await (await organisation(client)).member(memberId))?.memberships ?? [])];
}

export async function roleIn(client: Client, groupId: string, memberId: string): Promise<Role | null> {
  return (await (await organisation(client)).member(memberId))?.memberships.find((membership) => membership.groupId === groupId)?.role ?? null;
}

/** Members holding one of `roles` in any group of the given units, nearest unit first. */
export async function membersWithRoleInUnits(
  client: Client,
  unitIds: readonly string[],
  roles: readonly Role[],
): Promise<(MemberRecord & { role: Role; unitId: string })[]> {
  if (!unitIds.length || !roles.length) return [];
  const rows = await client.query
    .selectFrom("Membership")
    .innerJoin("Group", "Group.id", "Membership.groupId")
    .innerJoin("Member", "Member.id", "Membership.memberId")
    .select(["Member.id", "Member.name", "Member.platform", "Member.platformUserId", "Membership.role", "Group.unitId"])
    .where("Membership.role", "in", [...roles])
    .where("Group.unitId", "in", [...unitIds])
    .orderBy("Membership.memberId")
    .execute();
  const seen = new Set<string>();
  return rows
    .sort((a, b) => unitIds.indexOf(a.unitId) - unitIds.indexOf(b.unitId))
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .map((row) => ({ id: row.id, name: row.name, platform: row.platform, platformUserId: row.platformUserId, role: row.role as Role, unitId: row.unitId }));
}

/** People named `name` who belong to any group of the given units. */
export async function membersNamedInUnits(client: Client, unitIds: readonly string[], name: string): Promise<MemberRecord[]> {
  if (!unitIds.length) return [];
  return await client.query
    .selectFrom("Member")
    .select(memberColumns)
    .where("name", "=", name)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("Membership")
          .innerJoin("Group", "Group.id", "Membership.groupId")
          .select("Membership.memberId")
          .whereRef("Membership.memberId", "=", "Member.id")
          .where("Group.unitId", "in", [...unitIds]),
      ),
    )
    .orderBy("id")
    .execute();
}

export async function staffGroupsOfUnit(client: Client, unitId: string): Promise<GroupRecord[]> {
  return (await organisation(client)).groupsOfUnit(unitId).filter((group) => group.kind === "staff");
}

export interface GroupDirectoryEntry extends GroupRecord {
  unit: { id: string; name: string; level: string };
  members: { id: string; name: string; role: string }[];
}

export async function listGroupsWithMembers(client: Client, platform?: string): Promise<GroupDirectoryEntry[]> {
  let query = client.query
    .selectFrom("Group")
    .innerJoin("Unit", "Unit.id", "Group.unitId")
    .select([...groupColumns.map((column) => `Group.${column}` as const), "Unit.name as unitName", "Unit.level as unitLevel"]);
  if (platform) query = query.where("Group.platform", "=", platform);
  const groups = await query.orderBy("Group.id").execute();
  const memberships = groups.length
    ? await client.query
        .selectFrom("Membership")
        .innerJoin("Member", "Member.id", "Membership.memberId")
        .select(["Membership.groupId", "Member.id", "Member.name", "Membership.role"])
        .where(
          "Membership.groupId",
          "in",
          groups.map((group) => group.id),
        )
        .execute()
    : [];
  return groups.map(({ unitName, unitLevel, ...group }) => ({
    ...group,
    unit: { id: group.unitId, name: unitName, level: unitLevel },
    members: memberships
      .filter((membership) => membership.groupId === group.id)
      .map((membership) => ({ id: membership.id, name: membership.name, role: membership.role }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  }));
}

/** Whether one of `memberIds` belongs to a group, answered from the organisation in memory. */
export async function membershipCheck(client: Client, memberIds: Iterable<string>): Promise<(groupId: string, memberId: string) => boolean> {
  const directory = await organisation(client);
  const members = new Map<string, CachedMember | null>();
  for (const id of new Set(memberIds)) members.set(id, await directory.member(id));
  return (groupId, memberId) => members.get(memberId)?.memberships.some((membership) => membership.groupId === groupId) ?? false;
}

export async function groupsByIds(client: Client, ids: readonly string[]): Promise<GroupRecord[]> {
  const directory = await organisation(client);
  return [...new Set(ids)]
    .map((id) => directory.group(id))
    .filter((group): group is GroupRecord => group !== null)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function unitsNamed(client: Client, name: string) {
  return client.query.selectFrom("Unit").selectAll().where("name", "=", name).orderBy("id").execute();
}

const groupColumns = ["id", "name", "kind", "unitId", "platform", "chatId", "pushKey", "pushSecret", "calendarToken", "reminderOffsets"] as const;
const memberColumns = ["id", "name", "platform", "platformUserId"] as const;

export function createBoundGroup(tx: Tx, group: { platform: string; chatId: string; unitId: string; kind: string; name: string }): Promise<GroupRecord> {
  return insertGroup(tx, { id: `g-${group.platform}-${randomUUID().slice(0, 8)}`, ...group });
}

function insertGroup(
  client: Client,
  group: Pick<GroupRecord, "id" | "name" | "kind" | "unitId" | "platform" | "chatId"> &
    Partial<Pick<GroupRecord, "pushKey" | "pushSecret" | "reminderOffsets">>,
): Promise<GroupRecord> {
  return client.query
    .insertInto("Group")
    .values({ ...group, createdAt: new Date() })
    .returning(groupColumns)
    .executeTakeFirstOrThrow();
}

/** A platform user seen for the first time. */
export function enrolMember(client: Client, platform: string, platformUserId: string, name: string): Promise<MemberRecord> {
  return client.query
    .insertInto("Member")
    .values({ id: `m-${platform}-${randomUUID().slice(0, 8)}`, platform, platformUserId, name, createdAt: new Date() })
    .returning(memberColumns)
    .executeTakeFirstOrThrow();
}

export async function upsertMembership(client: Client, groupId: string, memberId: string, role: Role): Promise<void> {
  await client.query
    .insertInto("Membership")
    .values({ groupId, memberId, role })
    .onConflict((conflict) => conflict.columns(["groupId", "memberId"]).doUpdateSet({ role }))
    .execute();
}

export function membersNamedInGroup(client: Client, groupId: string, name: string): Promise<MemberRecord[]> {
  return client.query
    .selectFrom("Member")
    .innerJoin("Membership", "Membership.memberId", "Member.id")
    .select(memberColumns.map((column) => `Member.${column}` as const))
    .where("Member.name", "=", name)
    .where("Membership.groupId", "=", groupId)
    .orderBy("Member.id")
    .execute();
}

/** The group a member's private messages are filed under: their residents' group first, then any group. */
export async function homeGroupOf(client: Client, memberId: string): Promise<{ group: GroupRecord; role: Role } | null> {
  const directory = await organisation(client);
  const memberships = (await directory.member(memberId))?.memberships ?? [];
  const home = memberships.find((membership) => membership.groupKind === "residents") ?? memberships[0];
  const group = home && directory.group(home.groupId);
  return home && group ? { group, role: home.role } : null;
}

export async function updateGroupPush(client: Client, id: string, push: { pushKey: string | null; pushSecret: string | null }): Promise<GroupRecord> {
  return await client.query.updateTable("Group").set(push).where("id", "=", id).returning(groupColumns).executeTakeFirstOrThrow();
}

export async function findUnit(client: Client, id: string) {
  return (await client.query.selectFrom("Unit").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function renameMember(client: Client, id: string, name: string): Promise<void> {
  await client.query.updateTable("Member").set({ name }).where("id", "=", id).execute();
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
  if (existing) {
    return {
      group: await client.query.updateTable("Group").set(data).where("id", "=", existing.id).returning(groupColumns).executeTakeFirstOrThrow(),
      created: false,
    };
  }
  const id = `g-${binding.platform}-${randomUUID().slice(0, 8)}`;
  return { group: await insertGroup(client, { id, platform: binding.platform, chatId: binding.chatId, ...data }), created: true };
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
  if (!groupIds.length || !roles.length) return [];
  const rows = await client.query
    .selectFrom("Membership")
    .innerJoin("Member", "Member.id", "Membership.memberId")
    .select(memberColumns.map((column) => `Member.${column}` as const))
    .where("Membership.groupId", "in", [...groupIds])
    .where("Membership.role", "in", [...roles])
    .orderBy("Membership.memberId")
    .execute();
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
}

export async function allGroups(client: Client): Promise<GroupRecord[]> {
  return [...(await organisation(client)).groups()];
}

/** Display names of the given members, in the given order. */
export async function memberNames(client: Client, ids: readonly string[]): Promise<string[]> {
  const members = ids.length
    ? await client.query
        .selectFrom("Member")
        .select(["id", "name"])
        .where("id", "in", [...ids])
        .execute()
    : [];
  const byId = new Map(members.map((member) => [member.id, member.name]));
  return ids.map((id) => byId.get(id) ?? id);
}

import type { Database } from "../store/database.ts";
import { groupTimeline } from "../store/messages.ts";
import { findGroup, listGroupsWithMembers } from "../store/org.ts";
import { NotFound } from "../domain/refusal.ts";

export async function sandboxGroups(db: Database) {
  const groups = await listGroupsWithMembers(db, "sandbox");
  return groups.map(({ id, name, kind, unit, members }) => ({ id, name, kind, unit: unit.name, unitId: unit.id, level: unit.level, members }));
}

export async function sandboxGroup(db: Database, groupId: string) {
  const group = await findGroup(db, groupId);
  if (!group || group.platform !== "sandbox") throw new NotFound(`no sandbox group ${groupId}`);
  return group;
}

export async function sandboxTimeline(db: Database, groupId: string, limit: number) {
  await sandboxGroup(db, groupId);
  return groupTimeline(db, groupId, limit);
}

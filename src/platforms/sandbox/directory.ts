import { NotFound } from "../../domain/refusal.ts";
import type { Database } from "../../store/database.ts";
import { groupTimeline } from "../../store/messages.ts";
import { findGroup, listGroupsWithMembers } from "../../store/org.ts";
import { SANDBOX } from "./decode.ts";

/** The sandbox page's view of the demo: its groups, their members and timelines. */

export async function sandboxGroups(db: Database) {
  const groups = await listGroupsWithMembers(db, SANDBOX);
  return groups.map(({ id, name, kind, unit, members }) => ({ id, name, kind, unit: unit.name, unitId: unit.id, level: unit.level, members }));
}

export async function sandboxGroup(db: Database, groupId: string) {
  const group = await findGroup(db, groupId);
  if (!group || group.platform !== SANDBOX) throw new NotFound(`no sandbox group ${groupId}`);
  return group;
}

export async function sandboxTimeline(db: Database, groupId: string, limit: number) {
  await sandboxGroup(db, groupId);
  return groupTimeline(db, groupId, limit);
}

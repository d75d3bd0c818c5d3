import type { Role } from "../domain/types.ts";
import type { Database } from "./database.ts";

export interface OrganisationSeed {
  units: readonly { id: string; name: string; level: string; parentId: string | null }[];
  groups: readonly { id: string; name: string; kind: string; unitId: string; platform: string; chatId: string }[];
  members: readonly { id: string; name: string; platform: string; platformUserId: string }[];
  memberships: readonly (readonly [groupId: string, memberId: string, role: Role])[];
}

/**
 * Writes the records of `seed` that are missing (and a unit's parent where it changed); safe to run on
 * every start. What exists is read first, in four queries, and only what is missing is written, so a
 * start with everything in place writes nothing.
 */
export async function ensureOrganisation(db: Database, seed: OrganisationSeed, now: Date): Promise<void> {
  const q = db.query;
  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
  const existingUnits = seed.units.length ? await q.selectFrom("Unit").select(["id", "parentId"]).where("id", "in", ids(seed.units)).execute() : [];
  const unitParents = new Map(existingUnits.map((unit) => [unit.id, unit.parentId]));
  for (const unit of seed.units) {
    if (unitParents.get(unit.id) === unit.parentId) continue;
    await q
      .insertInto("Unit")
      .values(unit)
      .onConflict((conflict) => conflict.column("id").doUpdateSet({ parentId: unit.parentId }))
      .execute();
  }
  const groups = new Set(seed.groups.length ? ids(await q.selectFrom("Group").select("id").where("id", "in", ids(seed.groups)).execute()) : []);
  for (const group of seed.groups) {
    if (groups.has(group.id)) continue;
    await q
      .insertInto("Group")
      .values({ ...group, createdAt: now })
      .onConflict((conflict) => conflict.column("id").doNothing())
      .execute();
  }
  const members = new Set(seed.members.length ? ids(await q.selectFrom("Member").select("id").where("id", "in", ids(seed.members)).execute()) : []);
  for (const member of seed.members) {
    if (members.has(member.id)) continue;
    await q
      .insertInto("Member")
      .values({ ...member, createdAt: now })
      .onConflict((conflict) => conflict.column("id").doNothing())
      .execute();
  }
  const existingMemberships = seed.groups.length
    ? await q.selectFrom("Membership").select(["groupId", "memberId"]).where("groupId", "in", ids(seed.groups)).execute()
    : [];
  const memberships = new Set(existingMemberships.map((membership) => `${membership.groupId} ${membership.memberId}`));
  for (const [groupId, memberId, role] of seed.memberships) {
    if (memberships.has(`${groupId} ${memberId}`)) continue;
    await q
      .insertInto("Membership")
      .values({ groupId, memberId, role })
      .onConflict((conflict) => conflict.columns(["groupId", "memberId"]).doNothing())
      .execute();
  }
}

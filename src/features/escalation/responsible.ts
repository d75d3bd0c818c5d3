import { RESPONSIBLE_ROLES } from "../../domain/types.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { Database } from "../../store/database.ts";
import { nearestStaffGroups, type GroupRecord } from "../../store/org.ts";
import { roleHoldersInGroups } from "../../store/sweep.ts";

type Client = Database;

/**
 * Who answers for tickets: the staff work groups of each unit (its own, or the nearest ancestor's) and the
 * people a 督办 or an escalation notice names there. One read over many units: the SLA sweep asks it once for
 * every ticket it acts on; a person's command asks it for one ticket's unit.
 */
export interface Responsible {
  staffGroupsFor(unitId: string): GroupRecord[];
  /**
   * The assignee, then the secretaries, grid workers and department dispatchers of the given groups (in member
   * id order). The people of every group this answer knows are read on the first call, in one statement.
   */
  responsiblePeople(groupIds: readonly string[], assigneeId: string | null): Promise<string[]>;
}

/** Who answers for the given units and for every unit above them (where an escalation sends a ticket). */
export async function loadResponsible(client: Client, units: UnitTree, unitIds: Iterable<string>): Promise<Responsible> {
  const staffGroups = new Map<string, GroupRecord[]>();
  for (const unitId of unitIds) {
    for (const unit of units.ancestry(unitId)) {
      if (staffGroups.has(unit.id)) continue;
      staffGroups.set(
        unit.id,
        await nearestStaffGroups(
          client,
          units.ancestry(unit.id).map((above) => above.id),
        ),
      );
    }
  }
  let holders: Promise<{ groupId: string; memberId: string }[]> | undefined;
  const readHolders = () => {
    const groupIds = [...new Set([...staffGroups.values()].flat().map((group) => group.id))];
    return (holders ??= roleHoldersInGroups(client, groupIds, RESPONSIBLE_ROLES));
  };
  return {
    staffGroupsFor: (unitId) => [...(staffGroups.get(unitId) ?? [])],
    responsiblePeople: async (groupIds, assigneeId) => {
      const known = new Set([...staffGroups.values()].flat().map((group) => group.id));
      const unknown = groupIds.filter((id) => !known.has(id));
      // Groups from elsewhere (not a staff group of these units) are read on their own.
      const all = [...(await readHolders()), ...(unknown.length ? await roleHoldersInGroups(client, unknown, RESPONSIBLE_ROLES) : [])];
      const staff = all
        .filter((holder) => groupIds.includes(holder.groupId))
        .map((holder) => holder.memberId)
        .sort();
      return [...new Set([...(assigneeId ? [assigneeId] : []), ...staff])];
    },
  };
}

import type { Authority } from "../../domain/permissions.ts";
import { STAFF_ROLES } from "../../domain/types.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { PostRouting } from "../../messaging/types.ts";
import type { Database } from "../../store/database.ts";
import { findMember, loadUnitTree, membershipsOf, type MemberRecord, type MembershipRecord } from "../../store/org.ts";

/** Who is looking at the console, and what they may see: the units they are staff of and everything below. */
export interface ConsoleViewer {
  member: MemberRecord;
  memberships: MembershipRecord[];
  authority: Authority;
  units: UnitTree;
  /** The units they are staff of, highest first (the roots of what they see). */
  rootUnitIds: string[];
  /** Every unit they see. */
  visibleUnitIds: ReadonlySet<string>;
  /** A playground's member (the sandbox) sees only tickets that came in through its own groups. */
  ownPlatformOnly: string | null;
  /** Named in BIND_OPERATORS: sees the 运维 pages, and may sign in while staff of no unit (then sees no ticket). */
  operator: boolean;
}

/**
 * The viewer for a signed-in member, or null when they are staff of nothing and no operator (residents have no
 * console). `operators` is BIND_OPERATORS (`platform:userId`), the chat's rule for 绑定 and 设为.
 */
export async function loadViewer(db: Database, routing: PostRouting, memberId: string, operators: ReadonlySet<string>): Promise<ConsoleViewer | null> {
  const member = await findMember(db, memberId);
  if (!member) return null;
  const [memberships, units] = await Promise.all([membershipsOf(db, memberId), loadUnitTree(db)]);
  const staffUnitIds = new Set(memberships.filter((m) => STAFF_ROLES.has(m.role)).map((m) => m.unitId));
  const operator = operators.has(`${member.platform}:${member.platformUserId}`);
  if (staffUnitIds.size === 0 && !operator) return null;
  // A unit below another of theirs adds nothing: the roots are the highest ones.
  const rootUnitIds = [...staffUnitIds].filter(
    (id) =>
      !units
        .ancestry(id)
        .slice(1)
        .some((above) => staffUnitIds.has(above.id)),
  );
  const visibleUnitIds = new Set(rootUnitIds.flatMap((id) => [...units.subtreeIds(id)]));
  rootUnitIds.sort((a, b) => units.ancestry(a).length - units.ancestry(b).length || a.localeCompare(b));
  return {
    member,
    memberships,
    authority: { memberId, staffUnitIds, memberUnitIds: new Set(memberships.map((m) => m.unitId)) },
    units,
    rootUnitIds,
    visibleUnitIds,
    ownPlatformOnly: routing.ownTicketsOnly?.(member.platform) ? member.platform : null,
    operator,
  };
}

/** Whether a member may use the console at all: staff of some unit, or an operator. Every sign-in asks it before a session opens. */
export async function mayUseConsole(db: Database, routing: PostRouting, memberId: string, operators: ReadonlySet<string>): Promise<boolean> {
  return (await loadViewer(db, routing, memberId, operators)) !== null;
}

/** An operator who is staff of no unit: no ticket, figure or meeting is theirs to see. */
export function seesNoUnit(viewer: ConsoleViewer): boolean {
  return viewer.rootUnitIds.length === 0;
}

/** The units of `unitId`'s subtree the viewer sees; all they see when no unit is named; null for a unit out of reach. */
export function unitsInView(viewer: ConsoleViewer, unitId: string | null | undefined): string[] | null {
  if (!unitId) return [...viewer.visibleUnitIds];
  if (!viewer.visibleUnitIds.has(unitId)) return null;
  return [...viewer.units.subtreeIds(unitId)];
}

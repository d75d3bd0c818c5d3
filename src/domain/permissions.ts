import { Refusal } from "./refusal.ts";
import type { TicketAction } from "./ticketMachine.ts";
import { PERMISSION_TEXTS } from "./texts.ts";
import type { Role } from "./types.ts";

/** Who is acting, as far as permissions go: staff roles give authority over a unit and everything below it. */
export interface Authority {
  memberId: string;
  /** Units in which the member holds a staff role. */
  staffUnitIds: ReadonlySet<string>;
  /** Units of the groups the member belongs to in any role. */
  memberUnitIds: ReadonlySet<string>;
}

/** The ticket's estate and its ancestors, nearest first. */
export interface TicketScope {
  number: number;
  reporterId: string;
  followerIds: ReadonlySet<string>;
  unitAncestry: readonly string[];
}

export function isStaffFor(authority: Authority, unitAncestry: readonly string[]): boolean {
  return unitAncestry.some((unitId) => authority.staffUnitIds.has(unitId));
}

export function isStaffAnywhere(authority: Authority): boolean {
  return authority.staffUnitIds.size > 0;
}

export function canView(authority: Authority, scope: TicketScope): boolean {
  return (
    isStaffFor(authority, scope.unitAncestry) ||
    scope.reporterId === authority.memberId ||
    scope.followerIds.has(authority.memberId) ||
    authority.memberUnitIds.has(scope.unitAncestry[0]!)
  );
}

/** Throws a Refusal unless `authority` may perform `action` on the ticket. */
export function authorizeTicketAction(authority: Authority, scope: TicketScope, action: TicketAction["type"]): void {
  const staff = isStaffFor(authority, scope.unitAncestry);
  const isReporter = scope.reporterId === authority.memberId;
  switch (action) {
    case "rate":
      if (!isReporter) throw new Refusal(PERMISSION_TEXTS.rateOwnOnly(scope.number));
      return;
    case "withdraw":
      if (!isReporter && !staff) throw new Refusal(PERMISSION_TEXTS.withdrawOwnOrStaff(scope.number));
      return;
    default:
      if (!staff) throw new Refusal(ticketRefusal("ticketStaff", authority, scope));
  }
}

/**
 * Who may use a command: each command's declaration (features/<subject>/commands.ts) names its rules, checked in order
 * before its handler runs. Group rules look at the sender in this group; ticket rules at the ticket the
 * command names.
 */
export type GroupRule =
  /** everyone in the group */
  | "anyone"
  /** staff of any unit */
  | "staffAnywhere"
  /** staff of any unit, or an operator (BIND_OPERATORS) */
  | "staffOrOperator"
  /** staff of this group's unit or a unit above it */
  | "groupStaff"
  /** the group's moderator (话事员) chairs; its secretary or grid worker may stand in */
  | "chair"
  /** an operator (BIND_OPERATORS), or a secretary or grid worker of this group who is staff of its unit or above */
  | "groupAdmin";
export type TicketRule =
  /** staff above the ticket, its reporter, its followers, residents of its estate */
  | "ticketViewer"
  /** staff of the ticket's estate or a unit above it */
  | "ticketStaff"
  /** the reporter; a follower's rating is recorded without closing the ticket */
  | "ticketRater"
  | "reporterOrStaff";
export type Permission = GroupRule | TicketRule;

const TICKET_RULES: ReadonlySet<string> = new Set<TicketRule>(["ticketViewer", "ticketStaff", "ticketRater", "reporterOrStaff"]);

export function isTicketRule(rule: Permission): rule is TicketRule {
  return TICKET_RULES.has(rule);
}

const CHAIR_ROLES: ReadonlySet<Role> = new Set(["moderator", "secretary", "grid_worker"]);
const GROUP_ADMIN_ROLES: ReadonlySet<Role> = new Set(["secretary", "grid_worker"]);

/** The sender as the group rules see them. */
export interface GroupMember {
  authority: Authority;
  /** Their role in this group. */
  role: Role;
  /** This group's unit and its ancestors, nearest first. */
  groupUnitAncestry: readonly string[];
  /** Named in BIND_OPERATORS. */
  operator: boolean;
}

export function isChair(role: Role): boolean {
  return CHAIR_ROLES.has(role);
}

export function allowsInGroup(rule: GroupRule, member: GroupMember): boolean {
  switch (rule) {
    case "anyone":
      return true;
    case "staffAnywhere":
      return isStaffAnywhere(member.authority);
    case "staffOrOperator":
      return member.operator || isStaffAnywhere(member.authority);
    case "groupStaff":
      return isStaffFor(member.authority, member.groupUnitAncestry);
    case "chair":
      return isChair(member.role);
    case "groupAdmin":
      return member.operator || (GROUP_ADMIN_ROLES.has(member.role) && isStaffFor(member.authority, member.groupUnitAncestry));
  }
}

export function allowsOnTicket(rule: TicketRule, authority: Authority, scope: TicketScope): boolean {
  const isReporter = scope.reporterId === authority.memberId;
  switch (rule) {
    case "ticketViewer":
      return canView(authority, scope);
    case "ticketStaff":
      return isStaffFor(authority, scope.unitAncestry);
    case "ticketRater":
      return isReporter || scope.followerIds.has(authority.memberId);
    case "reporterOrStaff":
      return isReporter || isStaffFor(authority, scope.unitAncestry);
  }
}

/** What a group rule says to someone it refuses. */
export function groupRefusal(rule: GroupRule): string {
  switch (rule) {
    case "anyone":
      return "";
    case "staffAnywhere":
    case "staffOrOperator":
      return PERMISSION_TEXTS.staffAnywhere;
    case "groupStaff":
      return PERMISSION_TEXTS.groupStaff;
    case "chair":
      return PERMISSION_TEXTS.chair;
    case "groupAdmin":
      return PERMISSION_TEXTS.groupAdmin;
  }
}

/** What a ticket rule says to someone it refuses; a resident of the estate is told how to follow the matter. */
export function ticketRefusal(rule: TicketRule, authority: Authority, scope: TicketScope): string {
  const n = scope.number;
  switch (rule) {
    case "ticketViewer":
      return PERMISSION_TEXTS.notVisible(n);
    case "ticketRater":
      // Staff (the property company among them) are told who rates; a resident, that it is not theirs to rate.
      return isStaffFor(authority, scope.unitAncestry) ? PERMISSION_TEXTS.rateByResidents(n) : PERMISSION_TEXTS.rateOwnOnly(n);
    case "reporterOrStaff":
      return PERMISSION_TEXTS.withdrawOwnOrStaff(n);
    case "ticketStaff":
      return canView(authority, scope) ? PERMISSION_TEXTS.staffStep(n) : PERMISSION_TEXTS.outOfScope(n);
  }
}

/** Roles that may reject or close a matter about the property company itself: a secretary or above. */
const ABOVE_PROPERTY_ROLES: ReadonlySet<Role> = new Set(["secretary", "department"]);

/**
 * A complaint about the property company's own service (category `property`) is rejected or closed by a
 * secretary or a department above the estate, never by the property company (nor by staff below a secretary).
 */
export function maySettleMatterAboutProperty(memberships: readonly { unitId: string; role: Role }[], unitAncestry: readonly string[]): boolean {
  return memberships.some((membership) => ABOVE_PROPERTY_ROLES.has(membership.role) && unitAncestry.includes(membership.unitId));
}

/** The category of complaints about the property company's own service. */
export const PROPERTY_SERVICE_CATEGORY = "property";

/**
 * How far each role reaches when it names others, lowest first: a role is granted only at or below the
 * granter's own. A grid worker names residents, moderators (话事员) and grid workers; a secretary anything up
 * to secretary (the property company's staff included); a department up to department.
 */
const GRANT_RANK: Record<Role, number> = { resident: 0, moderator: 1, grid_worker: 2, property: 3, secretary: 4, department: 5 };

/** The roles a granter may hand out, lowest first. */
export function grantableRoles(granter: Role): Role[] {
  return (Object.keys(GRANT_RANK) as Role[]).filter((role) => GRANT_RANK[role] <= GRANT_RANK[granter]);
}

export interface RoleGrantAttempt {
  /** The granter's role in the group, or "operator" (BIND_OPERATORS): operators grant any role. */
  granter: Role | "operator";
  /** The role asked for. */
  role: Role;
  /** The target's role in the group now (null: not a member yet). */
  targetRole: Role | null;
  /** The granter names themselves. */
  self: boolean;
}

/** Why a grant is refused: above the granter's own role, about someone ranked above them, or raising oneself. */
export type RoleGrantRefusal = "aboveOwn" | "targetAbove" | "raisesSelf";

/** Whether a role may be granted (null) or why not; nobody raises their own role, not even an operator. */
export function roleGrantRefusal(attempt: RoleGrantAttempt): RoleGrantRefusal | null {
  const { granter, role, targetRole, self } = attempt;
  if (self && targetRole !== null && GRANT_RANK[role] > GRANT_RANK[targetRole]) return "raisesSelf";
  if (granter === "operator") return null;
  if (GRANT_RANK[role] > GRANT_RANK[granter]) return "aboveOwn";
  if (targetRole !== null && GRANT_RANK[targetRole] > GRANT_RANK[granter]) return "targetAbove";
  return null;
}

/** Repairs: the property company does the work, so it may not be the one to turn a request away. */
export const PROPERTY_REPAIR_CATEGORY = "repair";

/**
 * Acting as the property company on a ticket: holding the 物业 role in the ticket's estate or a unit above it,
 * and no secretary's or department's role there (one who is both acts as the secretary).
 */
export function actsAsPropertyCompany(memberships: readonly { unitId: string; role: Role }[], unitAncestry: readonly string[]): boolean {
  const here = memberships.filter((membership) => unitAncestry.includes(membership.unitId));
  return here.some((membership) => membership.role === "property") && !maySettleMatterAboutProperty(memberships, unitAncestry);
}

/** The steps the property company's conflict of interest bears on. */
export type PropertyStep = "accept" | "assign" | "escalate" | "resolve" | "reject" | "rate" | "revisit" | "award";

/**
 * What the property company may not do, so it never certifies or shields its own work:
 * - never rates a matter, never records a 回访 (the resident's verdict), never awards points;
 * - a complaint about its own service (物业服务) it never 受理s, 派单s, 升级s, 驳回s or 办结s: the
 *   secretary or a unit above takes it;
 * - a repair (物业维修) is its work: it takes the assignment and reports it done (办结), which the
 *   resident then rates, but it never turns the request away (驳回).
 * Returns true when the step is refused.
 */
export function propertyConflict(step: PropertyStep, category: string | null): boolean {
  switch (step) {
    case "rate":
    case "revisit":
    case "award":
      return true;
    case "reject":
      return category === PROPERTY_SERVICE_CATEGORY || category === PROPERTY_REPAIR_CATEGORY;
    default:
      return category === PROPERTY_SERVICE_CATEGORY;
  }
}

/** 派单 of a complaint about the property company's own service to the property company. */
export function assignsComplaintToItself(category: string, assigneeIsPropertyCompany: boolean): boolean {
  return category === PROPERTY_SERVICE_CATEGORY && assigneeIsPropertyCompany;
}

import { Refusal } from "./refusal.ts";
import type { TicketAction } from "./ticketMachine.ts";

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
  const n = scope.number;
  switch (action) {
    case "rate":
      if (!isReporter) throw new Refusal(`只有反映人本人可以评价工单 #${n}。`);
      return;
    case "withdraw":
      if (!isReporter && !staff) throw new Refusal(`只有反映人本人或工作人员可以撤回工单 #${n}。`);
      return;
    default:
      if (!staff) {
        throw new Refusal(
          canView(authority, scope)
            ? `这一步需要本小区的书记、网格员等工作人员来操作，你可以发「进度 ${n}」查看进展。`
            : `工单 #${n} 不在你负责的范围内。`,
        );
      }
  }
}

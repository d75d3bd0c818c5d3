import { actsAsPropertyCompany, assignsComplaintToItself, propertyConflict, type PropertyStep } from "../../domain/permissions.ts";
import { Refusal } from "../../domain/refusal.ts";
import { ACTION_LABELS, PERMISSION_TEXTS } from "../../domain/texts.ts";
import type { Tx } from "../../store/database.ts";
import { membershipsOf } from "../../store/org.ts";

/** Is this member the property company where the ticket is (domain/permissions.ts, actsAsPropertyCompany)? */
export async function isPropertyCompanyFor(tx: Tx, memberId: string, unitAncestry: readonly string[]): Promise<boolean> {
  return actsAsPropertyCompany(await membershipsOf(tx, memberId), unitAncestry);
}

/** Refuses a step the property company may not take on this ticket: its own work is judged by others. */
export async function refusePropertyConflict(
  tx: Tx,
  memberId: string,
  ticket: { number: number; category: string },
  unitAncestry: readonly string[],
  step: Exclude<PropertyStep, "award">,
): Promise<void> {
  if (!propertyConflict(step, ticket.category)) return;
  if (!(await isPropertyCompanyFor(tx, memberId, unitAncestry))) return;
  const n = ticket.number;
  if (step === "rate" || step === "revisit") throw new Refusal(PERMISSION_TEXTS.propertyNoRating(n, ACTION_LABELS[step]));
  if (step === "reject" && ticket.category !== "property") throw new Refusal(PERMISSION_TEXTS.propertyRejectRepair(n));
  if (step === "reject" || step === "resolve") throw new Refusal(PERMISSION_TEXTS.aboutProperty(n, ACTION_LABELS[step]));
  throw new Refusal(PERMISSION_TEXTS.propertyOwnComplaint(n, ACTION_LABELS[step]));
}

/** Refuses to hand a complaint about the property company's own service to the property company. */
export async function refuseAssigningToItself(
  tx: Tx,
  ticket: { number: number; category: string },
  unitAncestry: readonly string[],
  assignee: { id: string | null; role: string | null },
): Promise<void> {
  const isProperty = assignee.role === "property" || (assignee.id !== null && (await isPropertyCompanyFor(tx, assignee.id, unitAncestry)));
  if (assignsComplaintToItself(ticket.category, isProperty)) throw new Refusal(PERMISSION_TEXTS.assignToProperty(ticket.number));
}

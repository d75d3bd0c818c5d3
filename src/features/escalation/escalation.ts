import { dangerInTicket } from "../tickets/danger.ts";
import { suggestDepartment } from "../../bot/department.ts";
import { ruledDepartment } from "../../domain/departments.ts";
import { applyTicketAction, type TicketActor, type TicketEventDraft, type TicketPatch } from "../../domain/ticketMachine.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { findGroup, type GroupRecord } from "../../store/org.ts";
import { loadResponsible, type Responsible } from "./responsible.ts";
import { applyTicketPatch, recentEventsOf, type SweepPatch, type TicketRecord } from "../../store/tickets.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import type { ServiceScope } from "../context.ts";
import { notice } from "../posts.ts";
import * as texts from "../tickets/texts.ts";
import * as escalationTexts from "./texts.ts";

/** The bot itself, as the actor of automatic steps in a ticket's history. */
export const SYSTEM_ACTOR: TicketActor = { id: "system", name: escalationTexts.SYSTEM_ACTOR_NAME };

export function eventLabel(type: string): string {
  return escalationTexts.EVENT_LABELS[type] ?? type;
}

/** The staff work groups answering for a unit: its own, or the nearest ancestor's (see `loadResponsible`). */
export async function staffGroupsFor(tx: Tx, scope: ServiceScope, unitId: string): Promise<GroupRecord[]> {
  return (await loadResponsible(tx, scope.units, [unitId])).staffGroupsFor(unitId);
}

export interface Escalation {
  ticket: TicketRecord;
  unitName: string;
  posts: PostDraft[];
}

/** An entry of a ticket's history, as an escalation notice quotes it. */
export interface HistoryEntry {
  type: string;
  actorName: string;
  note: string | null;
  at: Date;
}

/**
 * What planning an escalation reads. A person's 升级 reads the database in its transaction; the SLA sweep
 * answers from what it loaded once for a whole batch of tickets.
 */
export interface EscalationReads {
  /** The ticket's latest events, newest first (at most six are quoted). */
  recentEvents(ticketNumber: number): Promise<HistoryEntry[]> | HistoryEntry[];
  group(id: string): Promise<GroupRecord | null> | GroupRecord | null;
  /** Who answers for the ticket's unit and those above it. */
  responsible: Responsible;
}

/** An escalation decided but not yet written: the ticket's patch and events, and the posts it causes. */
export interface PlannedEscalation extends Escalation {
  patch: TicketPatch & SweepPatch;
  events: TicketEventDraft[];
}

async function databaseReads(tx: Tx, scope: ServiceScope, ticket: TicketRecord): Promise<EscalationReads> {
  return {
    recentEvents: (ticketNumber) => recentEventsOf(tx, ticketNumber, 6),
    group: (id) => findGroup(tx, id),
    responsible: await loadResponsible(tx, scope.units, [ticket.handlingUnitId]),
  };
}

/**
 * The county department suggested for a matter: by rule where it has an obvious one (a trapped lift, a gas
 * leak: domain/departments.ts, the deployment's POLICY_FILE), else the model's guess among known departments.
 */
function countyDepartment(scope: ServiceScope, ticket: TicketRecord, said: string): string | null {
  const policy = scope.settings.policy.departments;
  const ruled = ruledDepartment({ text: said, hazard: dangerInTicket(ticket.text)?.hazard ?? null, category: ticket.category }, policy);
  if (ruled) return ruled;
  const guess = suggestDepartment(said, scope.settings.models).name;
  return policy.known.includes(guess) ? guess : null;
}

/**
 * Decides how a ticket is handed one level up, writing nothing (see `escalateTicket`). Throws a Refusal at
 * the top.
 */
export async function planEscalation(
  scope: ServiceScope,
  ticket: TicketRecord,
  actor: TicketActor,
  reason: string | null,
  fromGroupId: string | null,
  reads: EscalationReads,
): Promise<PlannedEscalation> {
  const target = scope.units.escalationTarget(ticket.handlingUnitId);
  const transition = applyTicketAction(
    ticket,
    { type: "escalate", reason, to: target && { level: target.level, unitId: target.id, unitName: target.name } },
    actor,
    scope.now,
    { zone: scope.settings.zone, policy: scope.settings.policy.colours },
  );
  const events = (await reads.recentEvents(ticket.number)).slice(0, 6).reverse();
  // The department is read from the matter and from why each level passed it on ("需要协调市政").
  const reasons = events.filter((event) => event.type === "escalated" && event.note).map((event) => event.note);
  const suggestion = target!.level === "county" ? countyDepartment(scope, ticket, [ticket.text, ...reasons, reason ?? ""].join("。")) : null;
  const history = events.map(
    (event) =>
      `${formatShortDateTime(event.at, scope.settings.zone, scope.now)} ${event.actorName} ${eventLabel(event.type)}${event.note ? `：${texts.excerpt(event.note, 24)}` : ""}`,
  );
  const patch = { ...transition.patch, lastChasedAt: null, suggestedDepartment: suggestion };
  const updated: TicketRecord = { ...ticket, ...patch, updatedAt: scope.now };
  const origin = await reads.group(ticket.groupId);
  const posts: PostDraft[] = [];
  const staffGroups = reads.responsible.staffGroupsFor(updated.handlingUnitId).filter((group) => group.id !== fromGroupId);
  const mentions = await reads.responsible.responsiblePeople(
    staffGroups.map((group) => group.id),
    null,
  );
  for (const group of staffGroups) {
    posts.push(
      notice(group.id, texts.escalationNotice(updated, ticket.level, reason, scope.text, origin?.name ?? ticket.groupId, history), ticket.number, mentions),
    );
  }
  if (ticket.groupId !== fromGroupId) {
    posts.push(notice(ticket.groupId, texts.escalatedStatus(updated, target!.name, actor.id === SYSTEM_ACTOR.id), ticket.number));
  }
  return { ticket: updated, unitName: target!.name, posts, patch, events: transition.events };
}

/**
 * Hands a ticket one level up (小区 → 社区 → 街道 → 区县部门): the same path for 升级, 不满意 and the
 * overdue sweep. The next level's work group gets a summary with the history; the residents' group a
 * short status line; the new level starts fresh deadlines. At the county level a department is suggested.
 * Throws a Refusal at the top. `fromGroupId` is where a person asked for it (they get the reply instead).
 */
export async function escalateTicket(
  tx: Tx,
  scope: ServiceScope,
  ticket: TicketRecord,
  actor: TicketActor,
  reason: string | null,
  fromGroupId: string | null,
): Promise<Escalation> {
  const plan = await planEscalation(scope, ticket, actor, reason, fromGroupId, await databaseReads(tx, scope, ticket));
  const updated = await applyTicketPatch(tx, ticket.number, plan.patch, plan.events, scope.now);
  return { ticket: updated, unitName: plan.unitName, posts: plan.posts };
}

import { slaActionFor, type SlaAction } from "../../domain/sla.ts";
import type { TicketEventDraft } from "../../domain/ticketMachine.ts";
import { inTransaction, type Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { loadUnitTree, memberNames } from "../../store/org.ts";
import { applyTicketPatch, claimTicketVersion, ticketsDueForSweep, type TicketRecord } from "../../store/tickets.ts";
import { serviceScope, type ServiceScope } from "../context.ts";
import { queuePosts, withoutPlaygroundLeaks } from "../delivery.ts";
import { escalateTicket, responsiblePeople, staffGroupsFor, SYSTEM_ACTOR } from "./escalation.ts";
import type { MessageServiceDeps } from "../handleMessage.ts";
import { notice } from "../posts.ts";
import { ratersStillToRate } from "../tickets/raters.ts";
import * as texts from "../tickets/texts.ts";
import * as escalationTexts from "./texts.ts";

export interface SweepSummary {
  escalated: number;
  chased: number;
  reminded: number;
  autoClosed: number;
  /** Tickets another sweep or a person changed while this one was deciding: left for the next sweep. */
  skipped: number;
}

const SUMMARY_KEY: Record<SlaAction["type"], keyof SweepSummary> = {
  escalate: "escalated",
  chaseAcceptance: "chased",
  chaseResolution: "chased",
  remindRating: "reminded",
  autoClose: "autoClosed",
};

function systemEvent(ticket: TicketRecord, type: TicketEventDraft["type"], note: string, now: Date, toStatus = ticket.status): TicketEventDraft {
  return { type, actorId: SYSTEM_ACTOR.id, actorName: SYSTEM_ACTOR.name, fromStatus: ticket.status, toStatus, note, at: now };
}

async function chase(tx: Tx, scope: ServiceScope, ticket: TicketRecord, text: string, note: string): Promise<PostDraft[]> {
  const groups = await staffGroupsFor(tx, scope, ticket.handlingUnitId);
  const mentions = await responsiblePeople(
    tx,
    groups.map((group) => group.id),
    ticket.assigneeId,
  );
  await applyTicketPatch(tx, ticket.number, { lastChasedAt: scope.now }, [systemEvent(ticket, "chased", note, scope.now)], scope.now);
  return groups.map((group) => notice(group.id, text, ticket.number, mentions));
}

/** Carries out one SLA action inside the caller's transaction and returns what to post. */
async function applySlaAction(tx: Tx, scope: ServiceScope, ticket: TicketRecord, action: SlaAction): Promise<PostDraft[]> {
  const { now, settings } = scope;
  switch (action.type) {
    case "escalate": {
      const reason = escalationTexts.overdueReason(ticket.resolveDueAt, settings.zone, now);
      return (await escalateTicket(tx, scope, ticket, SYSTEM_ACTOR, reason, null)).posts;
    }
    case "chaseAcceptance":
      return chase(tx, scope, ticket, texts.acceptanceChase(ticket, scope.text), escalationTexts.ACCEPTANCE_CHASE_NOTE);
    case "chaseResolution":
      return chase(tx, scope, ticket, texts.resolutionChase(ticket, scope.text), escalationTexts.RESOLUTION_CHASE_NOTE);
    case "remindRating": {
      // Only those who have not rated yet are named again; a 代报 without its author reminds staff to 回访.
      const raters = await ratersStillToRate(tx, ticket);
      await applyTicketPatch(
        tx,
        ticket.number,
        { ratingRemindedAt: now },
        [systemEvent(ticket, "rating_reminded", escalationTexts.RATING_REMINDER_NOTE, now)],
        now,
      );
      if (ticket.reporterUnknown) {
        const staff = [...new Set([ticket.reporterId, ...(ticket.assigneeId ? [ticket.assigneeId] : [])])];
        return [notice(ticket.groupId, texts.revisitReminder(ticket, await memberNames(tx, staff)), ticket.number, staff)];
      }
      return [{ ...notice(ticket.groupId, texts.ratingReminder(ticket, raters.names), ticket.number, raters.ids), card: texts.ratingCard(ticket.number) }];
    }
    case "autoClose":
      await applyTicketPatch(
        tx,
        ticket.number,
        { status: "closed", closedAt: now, rating: null },
        [systemEvent(ticket, "auto_closed", escalationTexts.AUTO_CLOSE_NOTE, now, "closed")],
        now,
      );
      return [notice(ticket.groupId, texts.autoClosed(ticket), ticket.number)];
  }
}

/**
 * The 限时督办 sweep, as of `now`: chases overdue acceptance, escalates overdue resolution one level
 * (chasing daily at the top), reminds once to rate and closes unrated tickets after three days. Each
 * ticket's step — its history event, its posts in the outbox and its bookkeeping — commits together, and
 * only if the ticket is still as the sweep saw it: a restart or a second sweep never doubles a notice.
 */
const SWEEP_BATCH = 500;

export async function runSlaSweep(deps: MessageServiceDeps, now: Date): Promise<SweepSummary> {
  const { db, settings, logger } = deps;
  const summary: SweepSummary = { escalated: 0, chased: 0, reminded: 0, autoClosed: 0, skipped: 0 };
  const units = await loadUnitTree(db);
  const { remindAfterHours, autoCloseAfterHours } = settings.policy.satisfaction;
  const resolvedBefore = new Date(now.getTime() - Math.min(remindAfterHours, autoCloseAfterHours) * 3_600_000);
  // Only what may be due, in batches: a county's open tickets are never all in memory at once.
  const tickets = async function* () {
    for (let after = 0, batch; (batch = await ticketsDueForSweep(db, now, resolvedBefore, after, SWEEP_BATCH)).length > 0; after = batch.at(-1)!.number)
      yield* batch;
  };
  // Tickets from one residents' group are handled together, so that their lines reach each group as one post.
  const batches = new Map<string, { ticket: TicketRecord; action: SlaAction }[]>();
  for await (const ticket of tickets()) {
    const action = slaActionFor(ticket, now, settings.policy, units.escalationTarget(ticket.handlingUnitId) === null);
    if (!action) continue;
    batches.set(ticket.groupId, [...(batches.get(ticket.groupId) ?? []), { ticket, action }]);
  }
  for (const batch of batches.values()) {
    try {
      const outcome = await inTransaction(db, async (tx) => {
        const scope = serviceScope(settings, now, units);
        const done: { ticket: TicketRecord; action: SlaAction }[] = [];
        const posts: PostDraft[] = [];
        for (const step of batch) {
          if (!(await claimTicketVersion(tx, step.ticket.number, step.ticket.updatedAt, now))) continue;
          posts.push(...(await applySlaAction(tx, scope, { ...step.ticket, updatedAt: now }, step.action)));
          done.push(step);
        }
        await queuePosts(tx, deps.routing, combinePostsByGroup(await withoutPlaygroundLeaks(tx, deps.routing, posts)), now);
        return done;
      });
      summary.skipped += batch.length - outcome.length;
      for (const { ticket, action } of outcome) {
        summary[SUMMARY_KEY[action.type]]++;
        logger.info({ job: "sla", ticketNumber: ticket.number, action: action.type }, "sla action");
      }
    } catch (error) {
      summary.skipped += batch.length;
      logger.error({ err: error, job: "sla", ticketNumbers: batch.map((step) => step.ticket.number) }, "sla actions failed; the next sweep tries again");
    }
  }
  if (summary.escalated + summary.chased + summary.reminded + summary.autoClosed > 0) deps.onOutboxChanged?.();
  return summary;
}

/** One post per group and kind: a sweep's lines for the same group are sent together, in ticket order. */
export function combinePostsByGroup(posts: readonly PostDraft[]): PostDraft[] {
  const combined = new Map<string, PostDraft>();
  for (const post of posts) {
    const key = `${post.groupId}\u0000${post.kind}`;
    const earlier = combined.get(key);
    if (!earlier) {
      combined.set(key, { ...post, mentions: [...post.mentions] });
      continue;
    }
    earlier.text = `${earlier.text}\n\n${post.text}`;
    // One card stands for one ticket's buttons: lines combined are answered by typing.
    delete earlier.card;
    earlier.mentions = [...new Set([...earlier.mentions, ...post.mentions])];
    if (earlier.ticketNumber !== post.ticketNumber) earlier.ticketNumber = null;
  }
  return [...combined.values()];
}

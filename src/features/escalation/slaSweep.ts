import { slaActionFor, sweepWindow, type SlaAction } from "../../domain/sla.ts";
import type { TicketEventDraft, TicketPatch } from "../../domain/ticketMachine.ts";
import { inTransaction, isDatabaseBusy, type Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { loadUnitTree } from "../../store/org.ts";
import { addEventsInBulk, claimAndPatchTickets, ticketNumbersDueForSweep, ticketsByNumbers } from "../../store/sweep.ts";
import type { SweepPatch, TicketRecord } from "../../store/tickets.ts";
import { serviceScope, type ServiceScope } from "../context.ts";
import { leaksIntoPlayground, queuePosts } from "../delivery.ts";
import { planEscalation, SYSTEM_ACTOR } from "./escalation.ts";
import type { MessageServiceDeps } from "../handleMessage.ts";
import { notice } from "../posts.ts";
import { loadBatchReads, loadSweepDirectory, type BatchReads, type SweepDirectory, type SweepStep } from "./sweepReads.ts";
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

/** One step decided: the ticket's change (written only if the ticket is unchanged since it was read) and its posts. */
interface PlannedStep extends SweepStep {
  patch: TicketPatch & SweepPatch;
  events: TicketEventDraft[];
  posts: PostDraft[];
}

async function chase(scope: ServiceScope, directory: SweepDirectory, step: SweepStep, text: string, note: string): Promise<PlannedStep> {
  const { ticket } = step;
  const groups = directory.responsible.staffGroupsFor(ticket.handlingUnitId);
  const mentions = await directory.responsible.responsiblePeople(
    groups.map((group) => group.id),
    ticket.assigneeId,
  );
  return {
    ...step,
    patch: { lastChasedAt: scope.now },
    events: [systemEvent(ticket, "chased", note, scope.now)],
    posts: groups.map((group) => notice(group.id, text, ticket.number, mentions)),
  };
}

/** Decides one SLA action from what was read for its batch; writes nothing. */
async function planSlaAction(scope: ServiceScope, directory: SweepDirectory, reads: BatchReads, step: SweepStep): Promise<PlannedStep> {
  const { now, settings } = scope;
  const { ticket, action } = step;
  switch (action.type) {
    case "escalate": {
      const reason = escalationTexts.overdueReason(ticket.resolveDueAt, settings.zone, now);
      const plan = await planEscalation(scope, ticket, SYSTEM_ACTOR, reason, null, reads.escalation);
      return { ...step, patch: plan.patch, events: plan.events, posts: plan.posts };
    }
    case "chaseAcceptance":
      return chase(scope, directory, step, texts.acceptanceChase(ticket, scope.text), escalationTexts.ACCEPTANCE_CHASE_NOTE);
    case "chaseResolution":
      return chase(scope, directory, step, texts.resolutionChase(ticket, scope.text), escalationTexts.RESOLUTION_CHASE_NOTE);
    case "remindRating": {
      // Only those who have not rated yet are named again; a 代报 without its author reminds staff to 回访.
      const reminded = {
        ...step,
        patch: { ratingRemindedAt: now },
        events: [systemEvent(ticket, "rating_reminded", escalationTexts.RATING_REMINDER_NOTE, now)],
      };
      if (ticket.reporterUnknown) {
        // An instruction for staff: the work group reads it (the residents' group only where there is none).
        const staff = reads.revisitStaff(ticket);
        const staffGroups = directory.responsible.staffGroupsFor(ticket.handlingUnitId).map((group) => group.id);
        const groupIds = staffGroups.length ? staffGroups : [ticket.groupId];
        return { ...reminded, posts: groupIds.map((groupId) => notice(groupId, texts.revisitReminder(ticket, staff.names), ticket.number, staff.ids)) };
      }
      const raters = reads.ratersStillToRate(ticket);
      return {
        ...reminded,
        posts: [{ ...notice(ticket.groupId, texts.ratingReminder(ticket, raters.names), ticket.number, raters.ids), card: texts.ratingCard(ticket.number) }],
      };
    }
    case "autoClose":
      return {
        ...step,
        patch: { status: "closed", closedAt: now, rating: null },
        events: [systemEvent(ticket, "auto_closed", escalationTexts.AUTO_CLOSE_NOTE, now, "closed")],
        posts: [notice(ticket.groupId, texts.autoClosed(ticket), ticket.number)],
      };
  }
}

export interface SweepOptions {
  /** Tickets decided and written per transaction: 200 unless given. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 200;
/** Candidates read per statement while looking for what is due. */
const READ_PAGE = 500;
/** Steps decided between two turns of the event loop. */
const PLAN_SLICE = 20;
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The 限时督办 sweep, as of `now`: chases overdue acceptance, escalates overdue resolution one level
 * (chasing daily at the top), reminds once to rate and closes unrated tickets after three days.
 *
 * Each ticket's step — its change, its history events and its posts in the outbox — is written only if the
 * ticket is still as the sweep read it (`updatedAt` unchanged), so a restart or a second sweep never doubles
 * a notice. Steps are decided from what a few statements read for a whole batch, and written in batches
 * of about `batchSize` tickets per transaction; a residents' group's lines stay together (one post per
 * group and batch). Failure rule: a step that cannot be decided (a refusal, an unexpected error) is left
 * for the next sweep alone; a batch whose transaction fails is written again group by group, and a group
 * that fails again ticket by ticket, so one bad ticket loses only its own action; a batch that cannot get
 * the write lock (another process's long write) is left whole for the next sweep. Between batches the
 * event loop is given back, so messages are answered while a county sweeps.
 */
export async function runSlaSweep(deps: MessageServiceDeps, now: Date, options: SweepOptions = {}): Promise<SweepSummary> {
  const { db, settings, logger } = deps;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const summary: SweepSummary = { escalated: 0, chased: 0, reminded: 0, autoClosed: 0, skipped: 0 };
  const units = await loadUnitTree(db);
  const scope = serviceScope(settings, now, units);
  // Only what may be due: their numbers first, then the tickets a page at a time, so a county's open
  // tickets are never all read.
  const window = sweepWindow(settings.policy, now);
  const dueNumbers = await ticketNumbersDueForSweep(db, window.now, window.resolvedBefore);
  const tickets = async function* () {
    for (let start = 0; start < dueNumbers.length; start += READ_PAGE) {
      yield* await ticketsByNumbers(db, dueNumbers.slice(start, start + READ_PAGE));
      // The store's calls resolve without a turn of the event loop: give one between pages.
      await yieldToEventLoop();
    }
  };
  // Tickets from one residents' group are handled together, so that their lines reach each group as one post.
  const byGroup = new Map<string, SweepStep[]>();
  for await (const ticket of tickets()) {
    let action: SlaAction | null;
    try {
      action = slaActionFor(ticket, now, settings.policy, units.escalationTarget(ticket.handlingUnitId) === null);
    } catch (error) {
      summary.skipped++;
      logger.error({ err: error, job: "sla", ticketNumber: ticket.number }, "sla action undecidable; the next sweep tries again");
      continue;
    }
    if (!action) continue;
    const steps = byGroup.get(ticket.groupId);
    if (steps) steps.push({ ticket, action });
    else byGroup.set(ticket.groupId, [{ ticket, action }]);
  }
  const directory = await loadSweepDirectory(db, scope, [...byGroup.values()].flat());
  for (const batch of batchesOf([...byGroup.values()], batchSize)) {
    const steps = batch.flat();
    const reads = await loadBatchReads(db, directory, scope.units, steps);
    const planned: PlannedStep[][] = [];
    let decidedSoFar = 0;
    for (const chunk of batch) {
      const decided: PlannedStep[] = [];
      for (const step of chunk) {
        // Deciding is CPU work (deadlines, texts, the department model): give the event loop a turn now and then.
        if (++decidedSoFar % PLAN_SLICE === 0) await yieldToEventLoop();
        try {
          decided.push(await planSlaAction(scope, directory, reads, step));
        } catch (error) {
          summary.skipped++;
          logger.error({ err: error, job: "sla", ticketNumber: step.ticket.number }, "sla action undecidable; the next sweep tries again");
        }
      }
      if (decided.length) planned.push(decided);
    }
    const done = await writeWithFallback(deps, directory, planned, now, summary);
    for (const { ticket, action } of done) {
      summary[SUMMARY_KEY[action.type]]++;
      logger.info({ job: "sla", ticketNumber: ticket.number, action: action.type }, "sla action");
    }
    // Let waiting messages in before the next batch.
    await yieldToEventLoop();
  }
  if (summary.escalated + summary.chased + summary.reminded + summary.autoClosed > 0) deps.onOutboxChanged?.();
  return summary;
}

/** Residents' groups' steps packed into batches of about `size` tickets; a group larger than that is split. */
function batchesOf(groups: readonly SweepStep[][], size: number): SweepStep[][][] {
  const batches: SweepStep[][][] = [];
  let current: SweepStep[][] = [];
  let count = 0;
  for (const steps of groups) {
    for (let start = 0; start < steps.length; start += size) {
      const chunk = steps.slice(start, start + size);
      if (count > 0 && count + chunk.length > size) {
        batches.push(current);
        current = [];
        count = 0;
      }
      current.push(chunk);
      count += chunk.length;
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * Writes planned steps (chunks: one residents' group each) in one transaction and returns those done; on
 * failure, each chunk alone, then each step alone (see the failure rule above).
 */
async function writeWithFallback(
  deps: MessageServiceDeps,
  directory: SweepDirectory,
  chunks: PlannedStep[][],
  now: Date,
  summary: SweepSummary,
): Promise<PlannedStep[]> {
  const steps = chunks.flat();
  if (steps.length === 0) return [];
  try {
    const claimed = await inTransaction(deps.db, (tx) => writeSteps(tx, deps, directory, chunks, now));
    summary.skipped += steps.length - claimed.length;
    return claimed;
  } catch (error) {
    const numbers = steps.map((step) => step.ticket.number);
    if (steps.length === 1 || isDatabaseBusy(error)) {
      summary.skipped += steps.length;
      deps.logger.error({ err: error, job: "sla", ticketNumbers: numbers }, "sla actions failed; the next sweep tries again");
      return [];
    }
    deps.logger.warn({ err: error, job: "sla", ticketNumbers: numbers }, "sla batch failed; writing it in smaller parts");
    const parts = chunks.length > 1 ? chunks.map((chunk) => [chunk]) : steps.map((step) => [[step]]);
    const done: PlannedStep[] = [];
    for (const part of parts) done.push(...(await writeWithFallback(deps, directory, part, now, summary)));
    return done;
  }
}

async function writeSteps(tx: Tx, deps: MessageServiceDeps, directory: SweepDirectory, chunks: PlannedStep[][], now: Date): Promise<PlannedStep[]> {
  const claimed = await claimAndPatchTickets(tx, chunks.flat(), now);
  const done = chunks.map((chunk) => chunk.filter((step) => claimed.has(step.ticket.number)));
  // Each statement resolves without a turn of the event loop: give one between them, even inside the transaction.
  await yieldToEventLoop();
  await addEventsInBulk(
    tx,
    done.flat().flatMap((step) => step.events.map((event) => ({ ...event, ticketNumber: step.ticket.number }))),
  );
  await yieldToEventLoop();
  // A ticket's posts are kept from a playground group here, while each still names its ticket (combined, they do not).
  const posts = done.flatMap((steps) =>
    combinePostsByGroup(
      steps.flatMap((step) =>
        step.posts.filter((post) => !leaksIntoPlayground(deps.routing, directory.groups.get(post.groupId), directory.groups.get(step.ticket.groupId))),
      ),
    ),
  );
  await queuePosts(tx, deps.routing, posts, now);
  return done.flat();
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

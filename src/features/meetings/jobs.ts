import {
  dueReminderAction,
  MEETING_LENGTH_MS,
  meetingEndsAt,
  occurrencesBetween,
  resumedResolveDue,
  returnsFromMeeting,
  ruleOfCron,
} from "../../domain/meetings.ts";
import { OPEN_STATUSES } from "../../domain/types.ts";
import { applyTicketPatch, findTicket, type TicketRecord } from "../../store/tickets.ts";
import { staffGroupsFor } from "../escalation/escalation.ts";
import { SYSTEM_ACTOR_NAME } from "../escalation/texts.ts";
import { isUniqueViolation, type Tx } from "../../store/database.ts";
import * as store from "../../store/meetings.ts";
import { findGroup, membersWithRoleInGroups } from "../../store/org.ts";
import { loadServiceScope } from "../context.ts";
import type { MessageServiceDeps } from "../handleMessage.ts";
import * as meetingTexts from "./texts.ts";
import { scheduleMeeting } from "./commands.ts";
import { notice } from "../posts.ts";
import { postOnce } from "../postOnce.ts";

const DAY = 86_400_000;

export interface ReminderSummary {
  sent: number;
  skipped: number;
  decisionsChased: number;
  publicationsChased: number;
  /** Matters a meeting ended without deciding, sent back to their clocks. */
  returned: number;
}

/**
 * Sends each meeting reminder exactly once: a reminder is claimed (pending → sent) in the same transaction
 * that puts its post in the outbox, so a restart or a second sweep finds it taken. One that came due
 * while the bot was down is still sent if the meeting has not started, and skipped (and logged) if it has;
 * of several due together, only the latest goes out.
 * Also chases decisions past their due date until 落实, and moderators until the decisions are published.
 */
export async function runMeetingReminders(deps: MessageServiceDeps, now: Date): Promise<ReminderSummary> {
  const { db, settings, logger } = deps;
  const summary: ReminderSummary = { sent: 0, skipped: 0, decisionsChased: 0, publicationsChased: 0, returned: 0 };
  const due = await store.dueReminders(db, now);
  // When several of a meeting's reminders are due at once (after downtime), only the latest is sent.
  const latestDue = new Map<number, number>();
  for (const reminder of due) latestDue.set(reminder.meetingNumber, reminder.id);
  for (const reminder of due) {
    const current = latestDue.get(reminder.meetingNumber) === reminder.id;
    const action = current && reminder.meeting.status === "scheduled" ? dueReminderAction(reminder.meeting.startsAt, now) : "skip";
    // The reminder's row, settled from pending, is the claim: only one run can settle it.
    const settle = (tx: Tx) => store.settleReminder(tx, reminder.id, action === "send" ? "sent" : "skipped", now);
    const settled = await postOnce(deps, { claim: settle }, now, async (tx) => {
      if (action !== "send") return [];
      const items = await store.agendaOf(tx, reminder.meetingNumber);
      const signUps = await store.signUpCount(tx, reminder.meetingNumber);
      return [notice(reminder.meeting.groupId, meetingTexts.reminder(reminder.meeting, items, signUps, reminder.offsetMinutes, settings.zone, now), null)];
    });
    if (!settled) continue;
    if (action === "send") summary.sent++;
    else {
      summary.skipped++;
      logger.warn(
        { job: "reminders", meeting: reminder.meetingNumber, dueAt: reminder.dueAt.toISOString() },
        current ? "reminder missed: the meeting has already started; skipped" : "reminder superseded by a later one due at the same time; skipped",
      );
    }
  }

  for (const item of await store.overdueDecisions(db, now)) {
    if (item.meeting.status !== "scheduled" || (item.lastChasedAt && now.getTime() - item.lastChasedAt.getTime() < DAY)) continue;
    // The chase that follows the last one (or the first): two runs reading the same last chase claim the same key.
    const chased = await postOnce(deps, { key: `decision-chase:${item.id}:${item.lastChasedAt?.toISOString() ?? "first"}` }, now, async (tx) => {
      await store.updateAgendaItem(tx, item.id, { lastChasedAt: now });
      return [notice(item.meeting.groupId, meetingTexts.decisionChase(item.meetingNumber, item, settings.zone, now), null, item.ownerId ? [item.ownerId] : [])];
    });
    if (chased) summary.decisionsChased++;
  }

  for (const meeting of await store.unpublishedMeetings(db, new Date(now.getTime() - MEETING_LENGTH_MS))) {
    if (meeting.publishChasedAt && now.getTime() - meeting.publishChasedAt.getTime() < DAY) continue;
    const once = { key: `publish-chase:${meeting.number}:${meeting.publishChasedAt?.toISOString() ?? "first"}` };
    const chased = await postOnce(deps, once, now, async (tx) => {
      await store.updateMeeting(tx, meeting.number, { publishChasedAt: now });
      // An instruction for the chair: residents read plain words, so it goes to the work group (the
      // meeting's own group only where there is none), @ the chairs who are members there.
      const scope = await loadServiceScope(tx, settings, now);
      const staffGroups = await staffGroupsFor(tx, scope, meeting.unitId);
      const groupIds = staffGroups.length ? staffGroups.map((group) => group.id) : [meeting.groupId];
      const posts = [];
      for (const groupId of groupIds) {
        const chairs = await membersWithRoleInGroups(tx, [groupId], ["moderator", "secretary"]);
        posts.push(
          notice(
            groupId,
            meetingTexts.publishChase(meeting),
            null,
            chairs.map((m) => m.id),
          ),
        );
      }
      return posts;
    });
    if (chased) summary.publicationsChased++;
  }
  summary.returned = await returnUndecidedMatters(deps, now);
  if (summary.sent + summary.decisionsChased + summary.publicationsChased + summary.returned > 0) deps.onOutboxChanged?.();
  return summary;
}

/**
 * A matter on the agenda of a meeting that ended without a decision on it goes back to its clock (its
 * resolution deadline resumes with the time it had left, and the SLA sweep chases it again), and the
 * secretaries of its work group are told, so that they may 上会 it again. Each happens once: the ticket's
 * 上会 mark is cleared in the same transaction.
 */
async function returnUndecidedMatters(deps: MessageServiceDeps, now: Date): Promise<number> {
  const { db, settings } = deps;
  let returned = 0;
  for (const item of await store.undecidedTicketItems(db, new Date(now.getTime() - MEETING_LENGTH_MS))) {
    const meetingEnd = meetingEndsAt(item.meeting.startsAt);
    let updated: TicketRecord | null = null;
    // The claim is the ticket's 上会 mark, read again and cleared in the transaction: only one run clears it.
    const release = async (tx: Tx) => {
      const ticket = await findTicket(tx, item.ticketNumber!);
      if (!ticket) return false;
      const waiting = { open: OPEN_STATUSES.has(ticket.status), markedForMeetingAt: ticket.markedForMeetingAt ?? null };
      if (!returnsFromMeeting(waiting, meetingEnd, await store.ticketOnAgendaAfter(tx, ticket.number, now), now)) return false;
      const resolveDueAt = resumedResolveDue(ticket.resolveDueAt, waiting.markedForMeetingAt!, meetingEnd);
      const event = {
        type: "meeting_released" as const,
        actorId: null,
        actorName: SYSTEM_ACTOR_NAME,
        fromStatus: ticket.status,
        toStatus: ticket.status,
        note: meetingTexts.releasedNote(item.meetingNumber),
        at: now,
      };
      updated = await applyTicketPatch(tx, ticket.number, { markedForMeetingAt: null, resolveDueAt }, [event], now);
      return true;
    };
    const done = await postOnce(deps, { claim: release }, now, async (tx) => {
      if (!updated) return [];
      const scope = await loadServiceScope(tx, settings, now);
      const groups = await staffGroupsFor(tx, scope, updated.handlingUnitId);
      const text = meetingTexts.returnedFromMeeting(item.meetingNumber, item.seq, updated, settings.zone, now);
      const posts = [];
      for (const group of groups) {
        // Each group's own secretaries: a notice @-mentions only members of the group it goes to.
        const secretaries = await membersWithRoleInGroups(tx, [group.id], ["secretary"]);
        posts.push(
          notice(
            group.id,
            text,
            updated.number,
            secretaries.map((member) => member.id),
          ),
        );
      }
      return posts;
    });
    if (done) returned++;
  }
  return returned;
}

/**
 * Creates each 例会's meetings that fall within the lead time, announces them and fills their agendas with
 * tickets marked 上会. An occurrence is created once (unique per rule and start time).
 */
export async function runRecurringMeetings(deps: MessageServiceDeps, now: Date): Promise<{ created: number }> {
  const { db, settings, logger } = deps;
  let created = 0;
  const horizon = new Date(now.getTime() + settings.meetings.leadDays * DAY);
  for (const rule of await store.activeRecurringRules(db)) {
    const recurrence = ruleOfCron(rule.cron);
    const group = await findGroup(db, rule.groupId);
    if (!recurrence || !group) continue;
    for (const startsAt of occurrencesBetween(recurrence, now, horizon, settings.zone)) {
      if (await store.meetingForOccurrence(db, rule.id, startsAt)) continue;
      try {
        const once = { key: `recurring-meeting:${rule.id}:${startsAt.toISOString()}` };
        const made = await postOnce(deps, once, now, async (tx) => {
          const scope = await loadServiceScope(tx, settings, now);
          const { post: announcement } = await scheduleMeeting(tx, scope, group, {
            topic: rule.topic,
            place: rule.place,
            startsAt,
            createdById: rule.createdById,
            recurringRuleId: rule.id,
          });
          return [announcement];
        });
        if (!made) continue;
        created++;
      } catch (error) {
        // A concurrent run created it first.
        if (!isUniqueViolation(error)) throw error;
      }
      logger.info({ job: "recurring-meetings", rule: rule.id, startsAt: startsAt.toISOString() }, "recurring meeting created");
    }
  }
  if (created) deps.onOutboxChanged?.();
  return { created };
}

import { extractLocation } from "../../bot/location.ts";
import type { ReportDraft } from "../../bot/understand.ts";
import { topicsOf } from "../../bot/classifier/topics.ts";
import { DUPLICATE_WINDOW_DAYS, findDuplicate, matchingPlace, type DuplicateCandidate } from "../../domain/duplicates.ts";
import { deadlinesFor } from "../../domain/deadlines.ts";
import type { TicketEventDraft } from "../../domain/ticketMachine.ts";
import { LEVELS, RESPONSIBLE_ROLES, type Level } from "../../domain/types.ts";
import type { Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { groupsByIds, membersWithRoleInGroups, staffGroupsOfUnit, type GroupRecord } from "../../store/org.ts";
import { addFollower, addTicketEvents, createTicket, duplicateCandidates, followerIdsOf, type TicketRecord } from "../../store/tickets.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { staffGroupsFor } from "../escalation/escalation.ts";
import { audienceHere, notice, reply } from "../posts.ts";
import { isPropertyCompanyFor } from "./conflicts.ts";
import { ticketReading } from "./ticketReading.ts";
import { visibleTickets } from "./load.ts";
import * as texts from "./texts.ts";

/**
 * 代报: a staff member files a resident's quoted words. `reporter` is the quoted author where the platform
 * said who it was; null when it did not, and the staff member is then recorded as having filed it for an
 * unknown resident (the result is confirmed by a 回访).
 */
export interface OnBehalf {
  reporter: { id: string; name: string } | null;
}

/**
 * Turns a resident's report into a ticket, or into a 附议 of the open ticket it repeats. Red and orange
 * tickets are announced at once in the staff work groups of the levels the colour policy names.
 */
export async function fileReport(tx: Tx, ctx: MessageContext, report: ReportDraft, originalText: string, onBehalf?: OnBehalf): Promise<PostDraft[]> {
  const { now, group } = ctx;
  const member = onBehalf ? (onBehalf.reporter ?? ctx.member) : ctx.member;
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const matching = {
    category: report.category,
    ...matchingPlace(report.location),
    danger: report.danger,
    hazard: report.hazard,
    topics: topicsOf(report.content, ctx.settings.models),
    content: report.content,
  };
  const candidates = (await visibleTickets(tx, ctx, await duplicateCandidates(tx, { unitId: group.unitId, since, ...matching }))).map(withPlace);
  const duplicate = findDuplicate(matching, candidates, now, (ticket) => ({ ...ticket, ...ticketReading(ticket.text, ctx.settings.models) }));
  if (duplicate && onBehalf) return joinOnBehalf(tx, ctx, duplicate, onBehalf, originalText, report);
  if (duplicate) {
    const followers = await followerIdsOf(tx, duplicate.number);
    // Whoever repeats a danger reads what to do now first, whether it files, joins or was already filed.
    if (duplicate.reporterId === member.id || followers.has(member.id)) {
      return [reply(ctx, texts.withAdvice(texts.alreadyReported(duplicate), report.hazard, report.danger), duplicate.number)];
    }
    const count = await addFollower(tx, duplicate.number, member.id, originalText, followEvent(ctx, texts.DUPLICATE_FOLLOW_NOTE));
    return [reply(ctx, texts.withAdvice(texts.joinedExisting(duplicate, count), report.hazard, report.danger), duplicate.number)];
  }

  // The property company's own report has no resident to rate its result: staff confirm it by a 回访.
  const byPropertyCompany =
    !onBehalf &&
    (await isPropertyCompanyFor(
      tx,
      member.id,
      ctx.units.ancestry(group.unitId).map((unit) => unit.id),
    ));
  const filing = onBehalf
    ? { filedById: ctx.member.id, filedByName: ctx.member.name, reporterUnknown: onBehalf.reporter === null }
    : byPropertyCompany
      ? { filedById: null, filedByName: null, reporterUnknown: true }
      : undefined;
  const opened = await openTicket(tx, ctx, group, member, report, originalText, filing);
  const filedText = texts.reportFiled(opened.ticket, ctx.text, opened.notifiedGroupNames, report.needsTriage);
  const amongStaff = audienceHere(ctx) === "staff";
  const filed = onBehalf ? texts.filedOnBehalf(opened.ticket, onBehalf.reporter?.name ?? null, filedText, amongStaff) : filedText;
  // A resident in danger reads what to do now before anything about the ticket.
  const answer = texts.withAdvice(filed, report.hazard, report.danger);
  // Without its author, staff are told among themselves that the result is confirmed by a 回访.
  const revisit =
    onBehalf && !onBehalf.reporter && !amongStaff
      ? (await staffGroupsFor(tx, ctx, opened.ticket.handlingUnitId))
          .filter((staffGroup) => !opened.notices.some((post) => post.groupId === staffGroup.id))
          .map((staffGroup) => notice(staffGroup.id, texts.onBehalfRevisitNotice(opened.ticket, ctx.member.name), opened.ticket.number))
      : [];
  return [reply(ctx, answer, opened.ticket.number, onBehalf?.reporter ? [onBehalf.reporter.id] : []), ...opened.notices, ...revisit];
}

/** A ticket with the phase, zone and gate or garage its words name (the columns keep building, unit, room). */
function withPlace(ticket: TicketRecord): TicketRecord & Pick<DuplicateCandidate, "phase" | "zone" | "spot"> {
  const place = extractLocation(ticket.text);
  return { ...ticket, phase: place.phase ?? null, zone: place.zone ?? null, spot: place.spot ?? null };
}

/** A 代报 of an open matter: the known author seconds it; words without an author go into its file. */
async function joinOnBehalf(
  tx: Tx,
  ctx: MessageContext,
  duplicate: TicketRecord,
  onBehalf: OnBehalf,
  words: string,
  report: ReportDraft,
): Promise<PostDraft[]> {
  const author = onBehalf.reporter;
  const followers = await followerIdsOf(tx, duplicate.number);
  const answer = (name: string | null) => texts.withAdvice(texts.onBehalfJoinedExisting(duplicate, name), report.hazard, report.danger);
  if (author && (duplicate.reporterId === author.id || followers.has(author.id))) {
    return [reply(ctx, answer(author.name), duplicate.number)];
  }
  const event = followEvent(ctx, texts.onBehalfFollowNote(ctx.member.name, words));
  if (author) await addFollower(tx, duplicate.number, author.id, words, event);
  else await addTicketEvents(tx, duplicate.number, [event]);
  return [reply(ctx, answer(author?.name ?? null), duplicate.number)];
}

/**
 * Opens a ticket for a report, at the starting level its colour names, with its deadlines and the
 * "reported" event; red and orange ones are announced in the work groups the colour policy names.
 */
export async function openTicket(
  tx: Tx,
  scope: ServiceScope,
  group: GroupRecord,
  reporter: { id: string; name: string },
  report: ReportDraft,
  originalText: string,
  filing?: { filedById: string | null; filedByName: string | null; reporterUnknown: boolean },
): Promise<{ ticket: TicketRecord; notices: PostDraft[]; notifiedGroupNames: string[] }> {
  const { now } = scope;
  const colourPolicy = scope.settings.policy.colours[report.colour];
  const handlingUnit = scope.units.handlingUnitAt(group.unitId, colourPolicy.startLevel) ?? scope.units.get(group.unitId)!;
  const ticket = await createTicket(
    tx,
    {
      groupId: group.id,
      unitId: group.unitId,
      handlingUnitId: handlingUnit.id,
      level: handlingUnit.level,
      reporterId: reporter.id,
      text: originalText,
      category: report.category,
      colour: report.colour,
      building: report.location.building ?? null,
      unitNo: report.location.unitNo ?? null,
      room: report.location.room ?? null,
      locationText: report.location.text ?? null,
      createdAt: now,
      ...deadlinesFor(report.colour, now, scope.settings.zone, scope.settings.policy.colours),
      ...(filing ? { ...(filing.filedById ? { filedById: filing.filedById } : {}), reporterUnknown: filing.reporterUnknown } : {}),
    },
    [
      {
        type: "reported",
        actorId: reporter.id,
        actorName: reporter.name,
        fromStatus: null,
        toStatus: "reported",
        note: filing?.filedByName ? texts.onBehalfNote(filing.filedByName) : null,
        at: now,
      },
    ],
  );

  // A possible danger is told to the estate's community at once (marked ⚠️), but pages no one above it.
  const possible = report.danger === "possible";
  const levels = possible ? possibleDangerLevels(colourPolicy.notifyLevelsOnCreate) : colourPolicy.notifyLevelsOnCreate;
  const notices = await workGroupNotices(
    tx,
    scope,
    group,
    levels,
    ticket.number,
    (groupName) => texts.staffAlert(ticket, scope.text, groupName, possible ? report.hazard : null),
    true,
  );
  return { ticket, notices, notifiedGroupNames: await notifiedGroupNames(tx, notices) };
}

/** The levels told of a possible danger: the colour's own below the sub-district, and the community. */
function possibleDangerLevels(colourLevels: readonly Level[]): Level[] {
  const below = colourLevels.filter((level) => LEVELS.indexOf(level) < LEVELS.indexOf("subdistrict"));
  return below.includes("community") ? below : [...below, "community"];
}

/**
 * One notice per staff work group of the units at the given levels above the estate's group (never the
 * group the message came from), with the accept card when asked.
 */
export async function workGroupNotices(
  tx: Tx,
  scope: ServiceScope,
  group: GroupRecord,
  levels: readonly Level[],
  ticketNumber: number,
  text: (groupName: string) => string,
  withCard: boolean,
): Promise<PostDraft[]> {
  const notices: PostDraft[] = [];
  for (const level of levels) {
    const unit = scope.units.handlingUnitAt(group.unitId, level);
    if (!unit) continue;
    for (const staffGroup of await staffGroupsOfUnit(tx, unit.id)) {
      if (staffGroup.id === group.id || notices.some((post) => post.groupId === staffGroup.id)) continue;
      // An alert @-s the responsible staff who are members of that group, as 督办 does.
      const responsible = await membersWithRoleInGroups(tx, [staffGroup.id], RESPONSIBLE_ROLES);
      const post = notice(
        staffGroup.id,
        text(group.name),
        ticketNumber,
        responsible.map((member) => member.id),
      );
      notices.push(withCard ? { ...post, card: texts.acceptCard(ticketNumber) } : post);
    }
  }
  return notices;
}

async function notifiedGroupNames(tx: Tx, notices: PostDraft[]): Promise<string[]> {
  if (!notices.length) return [];
  return (
    await groupsByIds(
      tx,
      notices.map((post) => post.groupId),
    )
  ).map((g) => g.name);
}

export function followEvent(ctx: MessageContext, note: string): TicketEventDraft {
  return { type: "followed", actorId: ctx.member.id, actorName: ctx.member.name, fromStatus: null, toStatus: null, note, at: ctx.now };
}

import type { Database, Tx } from "./database.ts";

type Client = Database | Tx;

export interface MeetingRecord {
  number: number;
  groupId: string;
  unitId: string;
  topic: string;
  place: string;
  startsAt: Date;
  status: string;
  cancelReason: string | null;
  recurringRuleId: number | null;
  createdById: string;
  createdAt: Date;
  publishedAt: Date | null;
  publishChasedAt: Date | null;
}

export function createMeeting(
  tx: Tx,
  meeting: {
    groupId: string;
    unitId: string;
    topic: string;
    place: string;
    startsAt: Date;
    createdById: string;
    createdAt: Date;
    recurringRuleId?: number | null;
  },
): Promise<MeetingRecord> {
  return tx.meeting.create({ data: meeting });
}

export function findMeeting(client: Client, number: number): Promise<MeetingRecord | null> {
  return client.meeting.findUnique({ where: { number } });
}

export function meetingFile(client: Client, number: number) {
  return client.meeting.findUnique({
    where: { number },
    include: {
      items: { orderBy: { seq: "asc" } },
      signups: { orderBy: { at: "asc" } },
      attendance: { orderBy: { at: "asc" } },
      reminders: { orderBy: { dueAt: "asc" } },
    },
  });
}

export function updateMeeting(
  tx: Tx,
  number: number,
  data: Partial<Pick<MeetingRecord, "startsAt" | "status" | "cancelReason" | "publishedAt" | "publishChasedAt">>,
) {
  return tx.meeting.update({ where: { number }, data });
}

export function agendaOf(client: Client, number: number) {
  return client.agendaItem.findMany({ where: { meetingNumber: number }, orderBy: { seq: "asc" } });
}

export async function addAgendaItem(tx: Tx, number: number, item: { text: string; ticketNumber: number | null; addedById: string; addedAt: Date }) {
  const last = await tx.agendaItem.findFirst({ where: { meetingNumber: number }, orderBy: { seq: "desc" } });
  return tx.agendaItem.create({ data: { meetingNumber: number, seq: (last?.seq ?? 0) + 1, ...item } });
}

export function findAgendaItem(client: Client, number: number, seq: number) {
  return client.agendaItem.findUnique({ where: { meetingNumber_seq: { meetingNumber: number, seq } } });
}

export function updateAgendaItem(
  tx: Tx,
  id: number,
  data: {
    decision?: string;
    ownerName?: string | null;
    ownerId?: string | null;
    dueAt?: Date | null;
    decidedAt?: Date;
    decidedById?: string;
    doneAt?: Date;
    doneNote?: string;
    lastChasedAt?: Date;
  },
) {
  return tx.agendaItem.update({ where: { id }, data });
}

export async function signUp(tx: Tx, number: number, memberId: string, at: Date): Promise<boolean> {
  if (await tx.meetingSignup.findUnique({ where: { meetingNumber_memberId: { meetingNumber: number, memberId } } })) return false;
  await tx.meetingSignup.create({ data: { meetingNumber: number, memberId, at } });
  return true;
}

export async function cancelSignUp(tx: Tx, number: number, memberId: string): Promise<boolean> {
  const { count } = await tx.meetingSignup.deleteMany({ where: { meetingNumber: number, memberId } });
  return count > 0;
}

export function signUpCount(client: Client, number: number): Promise<number> {
  return client.meetingSignup.count({ where: { meetingNumber: number } });
}

export async function checkIn(tx: Tx, number: number, memberId: string, checkedInById: string, at: Date): Promise<boolean> {
  if (await tx.meetingAttendance.findUnique({ where: { meetingNumber_memberId: { meetingNumber: number, memberId } } })) return false;
  await tx.meetingAttendance.create({ data: { meetingNumber: number, memberId, checkedInById, at } });
  return true;
}

/** Sets the meeting's pending reminders; one already sent (or skipped) for a lead time is not sent again. */
export async function replaceReminders(tx: Tx, number: number, reminders: { offsetMinutes: number; dueAt: Date }[]): Promise<void> {
  await tx.meetingReminder.deleteMany({ where: { meetingNumber: number, status: "pending" } });
  const settled = await tx.meetingReminder.findMany({ where: { meetingNumber: number, status: { in: ["sent", "skipped"] } } });
  const done = new Set(settled.map((reminder) => reminder.offsetMinutes));
  for (const reminder of reminders.filter((r) => !done.has(r.offsetMinutes))) {
    await tx.meetingReminder.upsert({
      where: { meetingNumber_offsetMinutes: { meetingNumber: number, offsetMinutes: reminder.offsetMinutes } },
      create: { meetingNumber: number, ...reminder },
      update: { dueAt: reminder.dueAt, status: "pending", doneAt: null },
    });
  }
}

export async function cancelReminders(tx: Tx, number: number, at: Date): Promise<void> {
  await tx.meetingReminder.updateMany({ where: { meetingNumber: number, status: "pending" }, data: { status: "cancelled", doneAt: at } });
}

export function dueReminders(client: Client, now: Date) {
  return client.meetingReminder.findMany({ where: { status: "pending", dueAt: { lte: now } }, orderBy: { dueAt: "asc" }, include: { meeting: true } });
}

/** Marks a reminder sent or skipped, only if still pending: the claim that makes it happen once. */
export async function settleReminder(tx: Tx, id: number, status: "sent" | "skipped", at: Date): Promise<boolean> {
  const { count } = await tx.meetingReminder.updateMany({ where: { id, status: "pending" }, data: { status, doneAt: at } });
  return count === 1;
}

export function upcomingMeetings(client: Client, groupIds: readonly string[], from: Date, take: number): Promise<MeetingRecord[]> {
  return client.meeting.findMany({
    where: { groupId: { in: [...groupIds] }, status: "scheduled", startsAt: { gte: from } },
    orderBy: { startsAt: "asc" },
    take,
  });
}

export function listMeetings(client: Client, filter: { groupId?: string; unitIds?: string[]; from?: Date; to?: Date }, take: number) {
  return client.meeting.findMany({
    where: {
      ...(filter.groupId ? { groupId: filter.groupId } : {}),
      ...(filter.unitIds ? { unitId: { in: filter.unitIds } } : {}),
      startsAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) },
    },
    orderBy: { startsAt: "asc" },
    take,
  });
}

export function meetingsOfGroup(client: Client, groupId: string) {
  return client.meeting.findMany({ where: { groupId }, orderBy: { startsAt: "asc" }, include: { items: { orderBy: { seq: "asc" } } } });
}

export function createRecurringRule(tx: Tx, rule: { groupId: string; cron: string; place: string; topic: string; createdById: string; createdAt: Date }) {
  return tx.recurringMeeting.create({ data: rule });
}

export function activeRecurringRules(client: Client) {
  return client.recurringMeeting.findMany({ where: { active: true }, orderBy: { id: "asc" } });
}

export function meetingForOccurrence(client: Client, recurringRuleId: number, startsAt: Date) {
  return client.meeting.findUnique({ where: { recurringRuleId_startsAt: { recurringRuleId, startsAt } } });
}

/** Decisions with an owner and a due date that are past due and not yet carried out (落实). */
export function overdueDecisions(client: Client, now: Date) {
  return client.agendaItem.findMany({
    where: { decision: { not: null }, dueAt: { lte: now }, doneAt: null },
    include: { meeting: true },
    orderBy: { dueAt: "asc" },
  });
}

/** Meetings held (started before `before`) with decisions not yet published. */
export function unpublishedMeetings(client: Client, before: Date) {
  return client.meeting.findMany({
    where: { status: "scheduled", publishedAt: null, startsAt: { lte: before }, items: { some: { decision: { not: null } } } },
    orderBy: { number: "asc" },
  });
}

export async function ensureCalendarToken(tx: Tx, groupId: string, token: string): Promise<string> {
  const group = await tx.group.findUniqueOrThrow({ where: { id: groupId } });
  if (group.calendarToken) return group.calendarToken;
  await tx.group.update({ where: { id: groupId }, data: { calendarToken: token } });
  return token;
}

/** Tickets of the given units marked 上会 and not yet on the agenda of a meeting still on (a cancelled one frees them). */
export async function ticketsMarkedForMeeting(client: Client, unitIds: readonly string[]) {
  const onAgenda = await client.agendaItem.findMany({
    where: { ticketNumber: { not: null }, meeting: { status: { not: "cancelled" } } },
    select: { ticketNumber: true },
  });
  const taken = new Set(onAgenda.map((item) => item.ticketNumber));
  const marked = await client.ticket.findMany({ where: { unitId: { in: [...unitIds] }, markedForMeetingAt: { not: null } }, orderBy: { number: "asc" } });
  return marked.filter((ticket) => !taken.has(ticket.number));
}

export async function markTicketForMeeting(tx: Tx, number: number, at: Date): Promise<void> {
  await tx.ticket.update({ where: { number }, data: { markedForMeetingAt: at, updatedAt: at } });
}

/** Scheduled meetings of the given units starting after `from`, soonest first. */
export function scheduledMeetingsOfUnits(client: Client, unitIds: readonly string[], from: Date): Promise<MeetingRecord[]> {
  return client.meeting.findMany({ where: { unitId: { in: [...unitIds] }, status: "scheduled", startsAt: { gt: from } }, orderBy: { startsAt: "asc" } });
}

/** Scheduled meetings at one place starting within [from, to]. */
export function scheduledMeetingsAt(client: Client, place: string, from: Date, to: Date): Promise<MeetingRecord[]> {
  return client.meeting.findMany({ where: { place, status: "scheduled", startsAt: { gte: from, lte: to } }, orderBy: { startsAt: "asc" } });
}

/** Whether the ticket is already an item of some meeting's agenda. */
export async function ticketOnAgenda(client: Client, ticketNumber: number): Promise<boolean> {
  return (await client.agendaItem.count({ where: { ticketNumber, meeting: { status: { not: "cancelled" } } } })) > 0;
}

/** Agenda items on tickets that meetings held (started at or before `before`, not cancelled) left undecided, and whose tickets still wait. */
export async function undecidedTicketItems(client: Client, before: Date) {
  const items = await client.agendaItem.findMany({
    where: { decision: null, ticketNumber: { not: null }, meeting: { status: "scheduled", startsAt: { lte: before } } },
    include: { meeting: true },
    orderBy: { id: "asc" },
  });
  const numbers = [...new Set(items.map((item) => item.ticketNumber!))];
  const waiting = await client.ticket.findMany({ where: { number: { in: numbers }, markedForMeetingAt: { not: null } }, select: { number: true } });
  const stillWaiting = new Set(waiting.map((ticket) => ticket.number));
  return items.filter((item) => stillWaiting.has(item.ticketNumber!));
}

/** Whether a meeting still to be held (not cancelled, starting after `after`) has the ticket on its agenda. */
export async function ticketOnAgendaAfter(client: Client, ticketNumber: number, after: Date): Promise<boolean> {
  return (await client.agendaItem.count({ where: { ticketNumber, meeting: { status: "scheduled", startsAt: { gt: after } } } })) > 0;
}

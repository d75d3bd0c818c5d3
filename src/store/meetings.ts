import type { Selectable } from "kysely";
import type { Database, Tx } from "./database.ts";
import type { MeetingTable } from "./schema.ts";
import { rowCount } from "./literals.ts";

type Client = Database;

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

const asMeeting = (row: Selectable<MeetingTable>): MeetingRecord => row;

/** Each row with its meeting (`meeting`), read in one query. */
async function withMeetings<T extends { meetingNumber: number }>(client: Client, rows: T[]): Promise<(T & { meeting: MeetingRecord })[]> {
  const numbers = [...new Set(rows.map((row) => row.meetingNumber))];
  if (!numbers.length) return [];
  const meetings = await client.query.selectFrom("Meeting").selectAll().where("number", "in", numbers).execute();
  const byNumber = new Map(meetings.map((meeting) => [meeting.number, asMeeting(meeting)]));
  return rows.map((row) => ({ ...row, meeting: byNumber.get(row.meetingNumber)! }));
}

export async function createMeeting(
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
  return asMeeting(await tx.query.insertInto("Meeting").values(meeting).returningAll().executeTakeFirstOrThrow());
}

export async function findMeeting(client: Client, number: number): Promise<MeetingRecord | null> {
  return (await client.query.selectFrom("Meeting").selectAll().where("number", "=", number).executeTakeFirst()) ?? null;
}

export async function meetingFile(client: Client, number: number) {
  const meeting = await findMeeting(client, number);
  if (!meeting) return null;
  const q = client.query;
  const [items, signups, attendance, reminders] = await Promise.all([
    q.selectFrom("AgendaItem").selectAll().where("meetingNumber", "=", number).orderBy("seq").execute(),
    q.selectFrom("MeetingSignup").selectAll().where("meetingNumber", "=", number).orderBy("at").execute(),
    q.selectFrom("MeetingAttendance").selectAll().where("meetingNumber", "=", number).orderBy("at").execute(),
    q.selectFrom("MeetingReminder").selectAll().where("meetingNumber", "=", number).orderBy("dueAt").execute(),
  ]);
  return { ...meeting, items, signups, attendance, reminders };
}

export async function updateMeeting(
  tx: Tx,
  number: number,
  data: Partial<Pick<MeetingRecord, "startsAt" | "status" | "cancelReason" | "publishedAt" | "publishChasedAt">>,
): Promise<MeetingRecord> {
  return asMeeting(await tx.query.updateTable("Meeting").set(data).where("number", "=", number).returningAll().executeTakeFirstOrThrow());
}

export function agendaOf(client: Client, number: number) {
  return client.query.selectFrom("AgendaItem").selectAll().where("meetingNumber", "=", number).orderBy("seq").execute();
}

export async function addAgendaItem(tx: Tx, number: number, item: { text: string; ticketNumber: number | null; addedById: string; addedAt: Date }) {
  const last = await tx.query
    .selectFrom("AgendaItem")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("meetingNumber", "=", number)
    .executeTakeFirst();
  return await tx.query
    .insertInto("AgendaItem")
    .values({ meetingNumber: number, seq: (last?.seq ?? 0) + 1, ...item })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findAgendaItem(client: Client, number: number, seq: number) {
  return (await client.query.selectFrom("AgendaItem").selectAll().where("meetingNumber", "=", number).where("seq", "=", seq).executeTakeFirst()) ?? null;
}

export async function updateAgendaItem(
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
  return await tx.query.updateTable("AgendaItem").set(data).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

export async function signUp(tx: Tx, number: number, memberId: string, at: Date): Promise<boolean> {
  const inserted = await tx.query
    .insertInto("MeetingSignup")
    .values({ meetingNumber: number, memberId, at })
    .onConflict((conflict) => conflict.columns(["meetingNumber", "memberId"]).doNothing())
    .returning("memberId")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function cancelSignUp(tx: Tx, number: number, memberId: string): Promise<boolean> {
  const result = await tx.query.deleteFrom("MeetingSignup").where("meetingNumber", "=", number).where("memberId", "=", memberId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function signUpCount(client: Client, number: number): Promise<number> {
  const row = await client.query
    .selectFrom("MeetingSignup")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("meetingNumber", "=", number)
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function checkIn(tx: Tx, number: number, memberId: string, checkedInById: string, at: Date): Promise<boolean> {
  const inserted = await tx.query
    .insertInto("MeetingAttendance")
    .values({ meetingNumber: number, memberId, checkedInById, at })
    .onConflict((conflict) => conflict.columns(["meetingNumber", "memberId"]).doNothing())
    .returning("memberId")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Sets the meeting's pending reminders; one already sent (or skipped) for a lead time is not sent again. */
export async function replaceReminders(tx: Tx, number: number, reminders: { offsetMinutes: number; dueAt: Date }[]): Promise<void> {
  await tx.query.deleteFrom("MeetingReminder").where("meetingNumber", "=", number).where("status", "=", "pending").execute();
  const settled = await tx.query
    .selectFrom("MeetingReminder")
    .select("offsetMinutes")
    .where("meetingNumber", "=", number)
    .where("status", "in", ["sent", "skipped"])
    .execute();
  const done = new Set(settled.map((reminder) => reminder.offsetMinutes));
  for (const reminder of reminders.filter((r) => !done.has(r.offsetMinutes))) {
    await tx.query
      .insertInto("MeetingReminder")
      .values({ meetingNumber: number, ...reminder })
      .onConflict((conflict) => conflict.columns(["meetingNumber", "offsetMinutes"]).doUpdateSet({ dueAt: reminder.dueAt, status: "pending", doneAt: null }))
      .execute();
  }
}

export async function cancelReminders(tx: Tx, number: number, at: Date): Promise<void> {
  await tx.query
    .updateTable("MeetingReminder")
    .set({ status: "cancelled", doneAt: at })
    .where("meetingNumber", "=", number)
    .where("status", "=", "pending")
    .execute();
}

export async function dueReminders(client: Client, now: Date) {
  const rows = await client.query
    .selectFrom("MeetingReminder")
    .selectAll()
    .where("status", "=", "pending")
    .where("dueAt", "<=", now)
    .orderBy("dueAt")
    .execute();
  return await withMeetings(client, rows);
}

/** Marks a reminder sent or skipped, only if still pending: the claim that makes it happen once. */
export async function settleReminder(tx: Tx, id: number, status: "sent" | "skipped", at: Date): Promise<boolean> {
  const result = await tx.query
    .updateTable("MeetingReminder")
    .set({ status, doneAt: at })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function upcomingMeetings(client: Client, groupIds: readonly string[], from: Date, take: number): Promise<MeetingRecord[]> {
  if (!groupIds.length) return [];
  return await client.query
    .selectFrom("Meeting")
    .selectAll()
    .where("groupId", "in", [...groupIds])
    .where("status", "=", "scheduled")
    .where("startsAt", ">=", from)
    .orderBy("startsAt")
    .limit(rowCount(take))
    .execute();
}

export async function listMeetings(
  client: Client,
  filter: { groupId?: string; unitIds?: string[]; from?: Date; to?: Date },
  take: number,
): Promise<MeetingRecord[]> {
  if (filter.unitIds && !filter.unitIds.length) return [];
  let query = client.query.selectFrom("Meeting").selectAll();
  if (filter.groupId) query = query.where("groupId", "=", filter.groupId);
  if (filter.unitIds) query = query.where("unitId", "in", filter.unitIds);
  if (filter.from) query = query.where("startsAt", ">=", filter.from);
  if (filter.to) query = query.where("startsAt", "<", filter.to);
  return await query.orderBy("startsAt").limit(rowCount(take)).execute();
}

export async function meetingsOfGroup(client: Client, groupId: string) {
  const meetings = await client.query.selectFrom("Meeting").selectAll().where("groupId", "=", groupId).orderBy("startsAt").execute();
  const items = meetings.length
    ? await client.query
        .selectFrom("AgendaItem")
        .selectAll()
        .where(
          "meetingNumber",
          "in",
          meetings.map((meeting) => meeting.number),
        )
        .orderBy("seq")
        .execute()
    : [];
  return meetings.map((meeting) => ({ ...meeting, items: items.filter((item) => item.meetingNumber === meeting.number) }));
}

export async function createRecurringRule(tx: Tx, rule: { groupId: string; cron: string; place: string; topic: string; createdById: string; createdAt: Date }) {
  return await tx.query.insertInto("RecurringMeeting").values(rule).returningAll().executeTakeFirstOrThrow();
}

export function activeRecurringRules(client: Client) {
  return client.query.selectFrom("RecurringMeeting").selectAll().where("active", "=", true).orderBy("id").execute();
}

export async function meetingForOccurrence(client: Client, recurringRuleId: number, startsAt: Date): Promise<MeetingRecord | null> {
  return (
    (await client.query.selectFrom("Meeting").selectAll().where("recurringRuleId", "=", recurringRuleId).where("startsAt", "=", startsAt).executeTakeFirst()) ??
    null
  );
}

/** Decisions with an owner and a due date that are past due and not yet carried out (落实). */
export async function overdueDecisions(client: Client, now: Date) {
  const rows = await client.query
    .selectFrom("AgendaItem")
    .selectAll()
    .where("decision", "is not", null)
    .where("dueAt", "<=", now)
    .where("doneAt", "is", null)
    .orderBy("dueAt")
    .orderBy("id")
    .execute();
  return await withMeetings(client, rows);
}

/** Meetings held (started before `before`) with decisions not yet published. */
export async function unpublishedMeetings(client: Client, before: Date): Promise<MeetingRecord[]> {
  return await client.query
    .selectFrom("Meeting")
    .selectAll()
    .where("status", "=", "scheduled")
    .where("publishedAt", "is", null)
    .where("startsAt", "<=", before)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("AgendaItem")
          .select("AgendaItem.id")
          .whereRef("AgendaItem.meetingNumber", "=", "Meeting.number")
          .where("AgendaItem.decision", "is not", null),
      ),
    )
    .orderBy("number")
    .execute();
}

export async function ensureCalendarToken(tx: Tx, groupId: string, token: string): Promise<string> {
  const group = await tx.query.selectFrom("Group").select("calendarToken").where("id", "=", groupId).executeTakeFirstOrThrow();
  if (group.calendarToken) return group.calendarToken;
  await tx.query.updateTable("Group").set({ calendarToken: token }).where("id", "=", groupId).execute();
  return token;
}

/** Tickets of the given units marked 上会 and not yet on the agenda of a meeting still on (a cancelled one frees them). */
export async function ticketsMarkedForMeeting(client: Client, unitIds: readonly string[]) {
  if (!unitIds.length) return [];
  return await client.query
    .selectFrom("Ticket")
    .selectAll()
    .where("unitId", "in", [...unitIds])
    .where("markedForMeetingAt", "is not", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("AgendaItem")
            .innerJoin("Meeting", "Meeting.number", "AgendaItem.meetingNumber")
            .select("AgendaItem.id")
            .whereRef("AgendaItem.ticketNumber", "=", "Ticket.number")
            .where("Meeting.status", "!=", "cancelled"),
        ),
      ),
    )
    .orderBy("number")
    .execute();
}

export async function markTicketForMeeting(tx: Tx, number: number, at: Date): Promise<void> {
  await tx.query.updateTable("Ticket").set({ markedForMeetingAt: at, updatedAt: at }).where("number", "=", number).execute();
}

/** Scheduled meetings of the given units starting after `from`, soonest first. */
export async function scheduledMeetingsOfUnits(client: Client, unitIds: readonly string[], from: Date): Promise<MeetingRecord[]> {
  if (!unitIds.length) return [];
  return await client.query
    .selectFrom("Meeting")
    .selectAll()
    .where("unitId", "in", [...unitIds])
    .where("status", "=", "scheduled")
    .where("startsAt", ">", from)
    .orderBy("startsAt")
    .execute();
}

/** Scheduled meetings at one place starting within [from, to]. */
export async function scheduledMeetingsAt(client: Client, place: string, from: Date, to: Date): Promise<MeetingRecord[]> {
  return await client.query
    .selectFrom("Meeting")
    .selectAll()
    .where("place", "=", place)
    .where("status", "=", "scheduled")
    .where("startsAt", ">=", from)
    .where("startsAt", "<=", to)
    .orderBy("startsAt")
    .execute();
}

/** Whether the ticket is already an item of some meeting's agenda. */
export async function ticketOnAgenda(client: Client, ticketNumber: number): Promise<boolean> {
  const row = await client.query
    .selectFrom("AgendaItem")
    .innerJoin("Meeting", "Meeting.number", "AgendaItem.meetingNumber")
    .select("AgendaItem.id")
    .where("AgendaItem.ticketNumber", "=", ticketNumber)
    .where("Meeting.status", "!=", "cancelled")
    .limit(rowCount(1))
    .executeTakeFirst();
  return row !== undefined;
}

/** Agenda items on tickets that meetings held (started at or before `before`, not cancelled) left undecided, and whose tickets still wait. */
export async function undecidedTicketItems(client: Client, before: Date) {
  const items = await client.query
    .selectFrom("AgendaItem")
    .innerJoin("Meeting", "Meeting.number", "AgendaItem.meetingNumber")
    .innerJoin("Ticket", "Ticket.number", "AgendaItem.ticketNumber")
    .selectAll("AgendaItem")
    .where("AgendaItem.decision", "is", null)
    .where("Meeting.status", "=", "scheduled")
    .where("Meeting.startsAt", "<=", before)
    .where("Ticket.markedForMeetingAt", "is not", null)
    .orderBy("AgendaItem.id")
    .execute();
  return await withMeetings(client, items);
}

/** Whether a meeting still to be held (not cancelled, starting after `after`) has the ticket on its agenda. */
export async function ticketOnAgendaAfter(client: Client, ticketNumber: number, after: Date): Promise<boolean> {
  const row = await client.query
    .selectFrom("AgendaItem")
    .innerJoin("Meeting", "Meeting.number", "AgendaItem.meetingNumber")
    .select("AgendaItem.id")
    .where("AgendaItem.ticketNumber", "=", ticketNumber)
    .where("Meeting.status", "=", "scheduled")
    .where("Meeting.startsAt", ">", after)
    .limit(rowCount(1))
    .executeTakeFirst();
  return row !== undefined;
}

import type { Database, Tx } from "./database.ts";
import { rowCount } from "./literals.ts";

type Client = Database;

export type AttachmentKind = "photo" | "after";

export interface AttachmentDraft {
  ticketNumber: number;
  eventId: number | null;
  kind: AttachmentKind;
  mime: string;
  bytes: number;
  storageKey: string;
  sha256: string;
  uploaderId: string | null;
  createdAt: Date;
}

export interface AttachmentRecord extends AttachmentDraft {
  id: number;
  inboundMessageId: number | null;
}

// The database stores the kind as a plain string; the union is what we write.
const asRecord = (row: Omit<AttachmentRecord, "kind"> & { kind: string }): AttachmentRecord => ({ ...row, kind: row.kind as AttachmentKind });

/** Records attachments carried by one message (`inboundMessageId`), in the caller's transaction; their ids, in order. */
export async function createAttachments(tx: Tx, drafts: readonly AttachmentDraft[], inboundMessageId: number | null): Promise<number[]> {
  if (!drafts.length) return [];
  const rows = await tx.query
    .insertInto("Attachment")
    .values(drafts.map((draft) => ({ ...draft, inboundMessageId })))
    .returning("id")
    .execute();
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

export async function findAttachment(client: Client, id: number): Promise<AttachmentRecord | null> {
  const row = await client.query.selectFrom("Attachment").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? asRecord(row) : null;
}

export async function attachmentsOfTicket(client: Client, ticketNumber: number): Promise<AttachmentRecord[]> {
  const rows = await client.query.selectFrom("Attachment").selectAll().where("ticketNumber", "=", ticketNumber).orderBy("id").execute();
  return rows.map((row) => asRecord(row));
}

/** The attachments the given messages carried, for a timeline. */
export async function attachmentsOfMessages(client: Client, inboundMessageIds: readonly number[]): Promise<AttachmentRecord[]> {
  if (!inboundMessageIds.length) return [];
  const rows = await client.query
    .selectFrom("Attachment")
    .selectAll()
    .where("inboundMessageId", "in", [...inboundMessageIds])
    .orderBy("id")
    .execute();
  return rows.map((row) => asRecord(row));
}

/** The newest ticket this member reported since `since`: where a photo sent after a report belongs. */
export async function latestReportBy(client: Client, memberId: string, since: Date): Promise<{ number: number } | null> {
  const row = await client.query
    .selectFrom("Ticket")
    .select("number")
    .where("reporterId", "=", memberId)
    .where("createdAt", ">=", since)
    .orderBy("number", "desc")
    .limit(rowCount(1))
    .executeTakeFirst();
  return row ?? null;
}

/** The newest history event `actorId` added to the ticket at `at` (the one a message's change just wrote), if any. */
export async function eventJustWritten(client: Client, ticketNumber: number, actorId: string, at: Date): Promise<{ id: number } | null> {
  const row = await client.query
    .selectFrom("TicketEvent")
    .select("id")
    .where("ticketNumber", "=", ticketNumber)
    .where("actorId", "=", actorId)
    .where("at", "=", at)
    .orderBy("id", "desc")
    .limit(rowCount(1))
    .executeTakeFirst();
  return row ?? null;
}

export async function addPhotoEvent(tx: Tx, ticketNumber: number, actor: { id: string; name: string }, note: string, at: Date): Promise<number> {
  const row = await tx.query
    .insertInto("TicketEvent")
    .values({ ticketNumber, type: "photo_added", actorId: actor.id, actorName: actor.name, fromStatus: null, toStatus: null, note, at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records which stored message carried the attachments (written before the message itself). */
export async function linkAttachmentsToMessage(tx: Tx, ids: readonly number[], inboundMessageId: number): Promise<void> {
  if (ids.length)
    await tx.query
      .updateTable("Attachment")
      .set({ inboundMessageId })
      .where("id", "in", [...ids])
      .execute();
}

/** The group of the message that carried an attachment, if a message did. */
export async function groupOfCarrier(client: Client, attachment: AttachmentRecord): Promise<string | null> {
  if (attachment.inboundMessageId === null) return null;
  const row = await client.query.selectFrom("InboundMessage").select("groupId").where("id", "=", attachment.inboundMessageId).executeTakeFirst();
  return row?.groupId ?? null;
}

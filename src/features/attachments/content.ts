import type { Database } from "../../store/database.ts";
import { findAttachment, groupOfCarrier } from "../../store/attachments.ts";
import type { BlobStore } from "../../store/blobs.ts";

/** Where the admin API serves an attachment's bytes. */
export const attachmentPath = (id: number) => `/api/attachments/${id}`;

/** An attachment's bytes and type; null when there is no such attachment or its bytes are gone. */
export async function attachmentContent(db: Database, store: BlobStore, id: number): Promise<{ mime: string; bytes: Uint8Array } | null> {
  const attachment = await findAttachment(db, id);
  if (!attachment) return null;
  const bytes = await store.get(attachment.storageKey);
  return bytes ? { mime: attachment.mime, bytes } : null;
}

/** A photo as a chat's own timeline shows it: its bytes, and the group whose message carried it. */
export async function carriedPhoto(db: Database, store: BlobStore, id: number): Promise<{ mime: string; bytes: Uint8Array; groupId: string | null } | null> {
  const attachment = await findAttachment(db, id);
  if (!attachment) return null;
  const bytes = await store.get(attachment.storageKey);
  return bytes ? { mime: attachment.mime, bytes, groupId: await groupOfCarrier(db, attachment) } : null;
}

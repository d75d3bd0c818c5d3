import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { inTransaction, type Database } from "../../store/database.ts";
import { enrolMember } from "../../store/org.ts";
import { clientMemberOf } from "./clientMember.ts";
import { clientFiler } from "./texts.ts";
import {
  countOpen311Request,
  findOpen311Key,
  insertOpen311Key,
  listOpen311Keys,
  revokeOpen311Key,
  setOpen311KeyHash,
  type Open311KeyRecord,
} from "../../store/open311.ts";

/** A key as operators see it: never the key, never its hash. */
export interface Open311KeyView {
  id: number;
  name: string;
  unitId: string;
  perMinute: number;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const DEFAULT_PER_MINUTE = 60;

const KEY_FORMAT = /^o311_(\d{1,9})_([A-Za-z0-9_-]{32})$/;
const sha256 = (text: string) => createHash("sha256").update(text).digest();

export function keyView(record: Open311KeyRecord): Open311KeyView {
  return {
    id: record.id,
    name: record.name,
    unitId: record.unitId,
    perMinute: record.perMinute,
    createdAt: record.createdAt.toISOString(),
    revokedAt: record.revokedAt?.toISOString() ?? null,
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Makes a key for a client, scoped to a unit's subtree: `o311_<id>_<32 random characters>`. The id lets the
 * check find its row; only the whole key's SHA-256 is stored, and the key is answered this once.
 */
export async function issueOpen311Key(
  db: Database,
  request: { name: string; unitId: string; perMinute: number },
  now: Date,
): Promise<{ key: Open311KeyView; apiKey: string }> {
  return inTransaction(db, async (tx) => {
    const record = await insertOpen311Key(tx, { ...request, keyHash: "", createdAt: now });
    const apiKey = `o311_${record.id}_${randomBytes(24).toString("base64url")}`;
    await setOpen311KeyHash(tx, record.id, sha256(apiKey).toString("hex"));
    // The client files as a member of its own: the 代报's filer, named in the ticket's history.
    await enrolMember(tx, ...clientMemberOf(record), clientFiler(record.name));
    return { key: keyView(record), apiKey };
  });
}

export async function open311Keys(db: Database): Promise<Open311KeyView[]> {
  return (await listOpen311Keys(db)).map(keyView);
}

export async function revokeKey(db: Database, id: number, now: Date): Promise<Open311KeyView | null> {
  const record = await revokeOpen311Key(db, id, now);
  return record && keyView(record);
}

/** The key's record when `given` is a live key (its hash compared in constant time); null otherwise. */
export async function authenticateOpen311Key(db: Database, given: string): Promise<Open311KeyRecord | null> {
  const match = KEY_FORMAT.exec(given.trim());
  if (!match) return null;
  const record = await findOpen311Key(db, Number(match[1]));
  if (!record || record.revokedAt || !record.keyHash) return null;
  const expected = Buffer.from(record.keyHash, "hex");
  const actual = sha256(given.trim());
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? record : null;
}

/** The start of the minute `now` falls in: the rate limit's window. */
export const minuteOf = (now: Date) => new Date(Math.floor(now.getTime() / 60_000) * 60_000);

/**
 * Counts a request against its key's limit, in the database every instance shares. Allowed, or refused with
 * the seconds until the next minute.
 */
export async function takeOpen311Request(
  db: Database,
  key: Open311KeyRecord,
  now: Date,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const window = minuteOf(now);
  const count = await countOpen311Request(db, key.id, window, now);
  if (count <= key.perMinute) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.getTime() + 60_000 - now.getTime()) / 1000)) };
}

import { sql } from "kysely";
import type { Database } from "./database.ts";
import { rowCount } from "./literals.ts";
import type { OutboxPost } from "./outbox.ts";

type Client = Database;

/** A group's outbox at a glance: what waits, what waits behind a pause, what is being sent, what died and of what. */
export interface GroupOutbox {
  groupId: string;
  /** Waiting to be sent, nothing held against them. */
  pending: number;
  /**
   * Waiting after a failed send that counted no attempt or a retry's backoff: a robot paused for sending
   * too fast, a platform not answering, or a post whose next try is later (failure recorded, next try ahead).
   */
  paused: number;
  sending: number;
  dead: number;
  /** The dead letters by their last failure's kind (outage, rateLimited, rejected, permanent; "unknown" when none was recorded). */
  deadByKind: Record<string, number>;
  /** The oldest waiting post's creation, to see how long the group's queue has been held up. */
  oldestWaitingAt: Date | null;
}

/** The outbox by group, as of `now`: only groups with something unsent or dead (a sent post is history). */
export async function outboxByGroup(client: Client, now: Date): Promise<GroupOutbox[]> {
  const rows = await client.query
    .selectFrom("BotPost")
    .select([
      "groupId",
      "status",
      "failure",
      sql<number>`COUNT(*)`.as("count"),
      sql<number>`SUM(CASE WHEN "status" = 'pending' AND "failure" IS NOT NULL AND "nextAttemptAt" > ${now} THEN 1 ELSE 0 END)`.as("held"),
      sql<Date | string | null>`MIN("createdAt")`.as("oldest"),
    ])
    .where("status", "in", ["pending", "sending", "dead"])
    .groupBy(["groupId", "status", "failure"])
    .execute();
  const groups = new Map<string, GroupOutbox>();
  for (const row of rows) {
    let group = groups.get(row.groupId);
    if (!group) groups.set(row.groupId, (group = { groupId: row.groupId, pending: 0, paused: 0, sending: 0, dead: 0, deadByKind: {}, oldestWaitingAt: null }));
    const count = Number(row.count);
    if (row.status === "dead") {
      group.dead += count;
      const kind = row.failure ?? "unknown";
      group.deadByKind[kind] = (group.deadByKind[kind] ?? 0) + count;
      continue;
    }
    if (row.status === "sending") group.sending += count;
    else {
      const held = Number(row.held ?? 0);
      group.paused += held;
      group.pending += count - held;
    }
    // MIN over a date column is text on SQLite (no declared type to read it by), a Date on PostgreSQL.
    const oldest = row.oldest === null ? null : new Date(row.oldest);
    if (oldest && (!group.oldestWaitingAt || oldest < group.oldestWaitingAt)) group.oldestWaitingAt = oldest;
  }
  return [...groups.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** A group's unsent and dead posts, newest first. */
export function unsentPostsOf(client: Client, groupId: string, take: number): Promise<OutboxPost[]> {
  return client.query
    .selectFrom("BotPost")
    .selectAll()
    .where("groupId", "=", groupId)
    .where("status", "in", ["pending", "sending", "dead"])
    .orderBy("id", "desc")
    .limit(rowCount(take))
    .execute();
}

/**
 * Puts every dead letter of a group back in the queue, as new (attempts from zero, due now, the failure
 * forgotten), in one statement; the group's order is kept by id, as the worker sends a group's posts.
 * Returns how many.
 */
export async function requeueDeadOfGroup(client: Client, groupId: string, now: Date): Promise<number> {
  const result = await client.query
    .updateTable("BotPost")
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, failure: null })
    .where("groupId", "=", groupId)
    .where("status", "=", "dead")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

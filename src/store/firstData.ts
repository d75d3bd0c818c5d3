import type { Database } from "./database.ts";
import { rowCount } from "./literals.ts";

/**
 * When this deployment first recorded anything: its earliest group, message, post or ticket (the first
 * row of each, by its increasing id: no scan). Null for an empty database. A job as of an earlier instant
 * would report on a time nobody was here.
 */
export async function firstRecordedAt(db: Database): Promise<Date | null> {
  const q = db.query;
  const [group, message, post, ticket] = await Promise.all([
    q.selectFrom("Group").select("createdAt").orderBy("createdAt").limit(rowCount(1)).executeTakeFirst(),
    q.selectFrom("InboundMessage").select("receivedAt").orderBy("id").limit(rowCount(1)).executeTakeFirst(),
    q.selectFrom("BotPost").select("createdAt").orderBy("id").limit(rowCount(1)).executeTakeFirst(),
    q.selectFrom("Ticket").select("createdAt").orderBy("number").limit(rowCount(1)).executeTakeFirst(),
  ]);
  const instants = [group?.createdAt, message?.receivedAt, post?.createdAt, ticket?.createdAt].filter((at): at is Date => at instanceof Date);
  return instants.length ? new Date(Math.min(...instants.map((at) => at.getTime()))) : null;
}

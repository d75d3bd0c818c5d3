import type { Database } from "./database.ts";

/**
 * When this deployment first recorded anything: its earliest group, message, post or ticket (the first
 * row of each, by its increasing id: no scan). Null for an empty database. A job as of an earlier instant
 * would report on a time nobody was here.
 */
export async function firstRecordedAt(db: Database): Promise<Date | null> {
  const [group, message, post, ticket] = await Promise.all([
    db.group.aggregate({ _min: { createdAt: true } }),
    db.inboundMessage.findFirst({ orderBy: { id: "asc" }, select: { receivedAt: true } }),
    db.botPost.findFirst({ orderBy: { id: "asc" }, select: { createdAt: true } }),
    db.ticket.findFirst({ orderBy: { number: "asc" }, select: { createdAt: true } }),
  ]);
  const instants = [group._min.createdAt, message?.receivedAt, post?.createdAt, ticket?.createdAt].filter((at): at is Date => at instanceof Date);
  return instants.length ? new Date(Math.min(...instants.map((at) => at.getTime()))) : null;
}

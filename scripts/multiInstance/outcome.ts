import type { Database } from "../../src/store/database.ts";
import type { OutboxSeen, TicketSeen } from "./checks.ts";

/** The channel of the posts that go through the outbox to the fake platform (WeCom's group robot webhook). */
const WEBHOOK_CHANNEL = "wecom_webhook";

/** Every ticket in the database, by its place (the run gives each message a place of its own). */
export async function readTickets(db: Database): Promise<TicketSeen[]> {
  return await db.query.selectFrom("Ticket").select(["number", "unitId", "building"]).orderBy("number").execute();
}

/** Every post queued for the fake platform, with its group's robot key and its state. */
export async function readOutbox(db: Database, staffKeys: ReadonlyMap<string, string>): Promise<OutboxSeen[]> {
  const rows = await db.query.selectFrom("BotPost").select(["groupId", "text", "status"]).where("channel", "=", WEBHOOK_CHANNEL).execute();
  return rows.map((row) => ({ key: staffKeys.get(row.groupId) ?? `(no key: ${row.groupId})`, text: row.text, status: row.status }));
}

/** Waits until no post for the platform is pending or being sent; false when some still are after `withinMs`. */
export async function waitForOutboxDrained(db: Database, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const { count } = await db.query
      .selectFrom("BotPost")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("channel", "=", WEBHOOK_CHANNEL)
      .where("status", "in", ["pending", "sending"])
      .executeTakeFirstOrThrow();
    if (Number(count) === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

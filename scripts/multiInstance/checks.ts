import type { Delivery } from "./spray.ts";
import type { ReceivedPost } from "./receiver.ts";

/** One property the run must have, checked alone, so that a failure names what broke. */
export interface PropertyResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface TicketSeen {
  number: number;
  unitId: string;
  building: string | null;
}

/** A row of the outbox that goes to the fake platform: its group's robot key, its words, and its state at the end. */
export interface OutboxSeen {
  key: string;
  text: string;
  status: string;
}

const property = (name: string, ok: boolean, detail: string): PropertyResult => ({ name, ok, detail });
const placeOf = (unitId: string, building: string | null) => `${unitId}#${building ?? "?"}`;

/** The platform got a 200 for every message in the end (it retried those that were not answered). */
export function everyMessageAcknowledged(deliveries: readonly Delivery[]): PropertyResult {
  const unanswered = deliveries.filter((delivery) => !delivery.acknowledged);
  const example = unanswered[0] ? ` (e.g. ${unanswered[0].message.msgid}: ${unanswered[0].statuses.join(",")})` : "";
  return property(
    "every message acknowledged",
    unanswered.length === 0,
    `${deliveries.length - unanswered.length}/${deliveries.length} answered 200${example}`,
  );
}

/** Each message is exactly one ticket: none missing, none doubled, no ticket that is no message's. */
export function oneTicketPerMessage(deliveries: readonly Delivery[], tickets: readonly TicketSeen[]): PropertyResult {
  const counts = countBy(tickets.map((ticket) => placeOf(ticket.unitId, ticket.building)));
  const places = new Set(deliveries.map((delivery) => placeOf(delivery.message.unitId, delivery.message.building)));
  const missing = [...places].filter((place) => !counts.has(place)).length;
  const doubled = [...places].filter((place) => (counts.get(place) ?? 0) > 1).length;
  const strangers = tickets.filter((ticket) => !places.has(placeOf(ticket.unitId, ticket.building))).length;
  return property(
    "exactly one ticket per message",
    missing === 0 && doubled === 0 && strangers === 0,
    `${tickets.length} tickets for ${places.size} messages: ${missing} without a ticket, ${doubled} with more than one, ${strangers} tickets of no message`,
  );
}

/** No message the platform was told was handled (200) is without its ticket. */
export function nothingAcknowledgedLost(deliveries: readonly Delivery[], tickets: readonly TicketSeen[]): PropertyResult {
  const places = new Set(tickets.map((ticket) => placeOf(ticket.unitId, ticket.building)));
  const acknowledged = deliveries.filter((delivery) => delivery.acknowledged);
  const lost = acknowledged.filter((delivery) => !places.has(placeOf(delivery.message.unitId, delivery.message.building)));
  return property("nothing acknowledged lost", lost.length === 0, `${lost.length} of ${acknowledged.length} acknowledged messages have no ticket`);
}

/** Every post the outbox holds for the platform reached it (and is marked sent). */
export function noPostLost(outbox: readonly OutboxSeen[], received: readonly ReceivedPost[]): PropertyResult {
  const { lost } = comparePosts(outbox, received);
  const unsent = outbox.filter((row) => row.status !== "sent");
  const states = [...countBy(unsent.map((row) => row.status))].map(([status, count]) => `${count} ${status}`).join(", ");
  return property(
    "no post lost",
    outbox.length > 0 && lost === 0 && unsent.length === 0,
    `${outbox.length} posts queued, ${lost} never received, ${unsent.length} not marked sent${states ? ` (${states})` : ""}`,
  );
}

/**
 * No post reached the platform more often than the outbox holds it, but for what the outbox's contract allows
 * (outbox/worker.ts): a post the killed instance sent and did not live to record is sent again once its claim
 * expires. Such a post arrived once before the kill (`killedAt`, the receiver's clock) and once after it; any
 * other extra copy, or a third, breaks the property.
 */
export function noPostSentTwice(outbox: readonly OutboxSeen[], received: readonly ReceivedPost[], killedAt = Infinity): PropertyResult {
  const { doubled } = comparePosts(outbox, received);
  const arrivals = new Map<string, number[]>();
  for (const post of received) arrivals.set(`${post.key}\n${post.content}`, [...(arrivals.get(`${post.key}\n${post.content}`) ?? []), post.at]);
  const queued = countBy(outbox.map((row) => `${row.key}\n${row.text}`));
  let resentAfterKill = 0;
  for (const [key, times] of arrivals) {
    const copies = queued.get(key) ?? 0;
    if (copies === 1 && times.length === 2 && Math.min(...times) < killedAt && Math.max(...times) >= killedAt) resentAfterKill += 1;
  }
  const unexplained = doubled - resentAfterKill;
  return property(
    "no post sent twice",
    received.length > 0 && unexplained === 0,
    `${received.length} received for ${outbox.length} queued: ${doubled} extra, ${resentAfterKill} of them sent by the killed instance before it died unrecorded and again after`,
  );
}

function comparePosts(outbox: readonly OutboxSeen[], received: readonly ReceivedPost[]) {
  const queued = countBy(outbox.map((row) => `${row.key}\n${row.text}`));
  const got = countBy(received.map((post) => `${post.key}\n${post.content}`));
  let lost = 0;
  let doubled = 0;
  for (const [key, count] of queued) lost += Math.max(0, count - (got.get(key) ?? 0));
  for (const [key, count] of got) doubled += Math.max(0, count - (queued.get(key) ?? 0));
  return { lost, doubled };
}

/** A `job finished` log line: the job and the tick it ran for. */
export interface JobRun {
  instance: string;
  job: string;
  tick: string;
}

/**
 * The `job finished` lines of every instance's stdout (pino JSON). The tick is the line's `tick` field; a line
 * without one (a build that does not log it) is given the second it started (`time` less `ms`), the tick that
 * node-cron fired it for.
 */
export function jobRunsOf(instance: string, lines: readonly string[]): JobRun[] {
  return lines.flatMap((line) => {
    if (!line.includes('"job finished"')) return [];
    const entry = JSON.parse(line) as { msg?: string; job?: string; tick?: string; time?: number | string; ms?: number };
    if (entry.msg !== "job finished" || !entry.job) return [];
    const started = new Date(new Date(entry.time ?? 0).getTime() - (entry.ms ?? 0));
    started.setUTCMilliseconds(0);
    return [{ instance, job: entry.job, tick: entry.tick ?? started.toISOString() }];
  });
}

/** Across all instances, each tick of a job ran once: no tick run by two instances, and the job did tick. */
export function eachJobOncePerTick(runs: readonly JobRun[], job: string, expectedTicksAtLeast: number): PropertyResult {
  const ofJob = runs.filter((run) => run.job === job);
  const perTick = countBy(ofJob.map((run) => run.tick));
  const twice = [...perTick].filter(([, count]) => count > 1);
  const example = twice[0]
    ? ` (e.g. ${twice[0][0]}: ${ofJob
        .filter((run) => run.tick === twice[0]![0])
        .map((run) => run.instance)
        .join(", ")})`
    : "";
  return property(
    `each job once per tick (${job})`,
    perTick.size >= expectedTicksAtLeast && twice.length === 0,
    `${perTick.size} ticks run (at least ${expectedTicksAtLeast} expected), ${twice.length} run by more than one instance${example}`,
  );
}

/** An organisation change made through one instance is seen by each other one within `withinMs`. */
export function organisationChangeSeen(seenAfterMs: ReadonlyMap<string, number | null>, withinMs: number): PropertyResult {
  const entries = [...seenAfterMs];
  const late = entries.filter(([, ms]) => ms === null || ms > withinMs);
  const figures = entries.map(([name, ms]) => `${name}: ${ms === null ? "not seen" : `${ms} ms`}`).join(", ");
  return property(`organisation change seen by the others within ${withinMs} ms`, entries.length > 0 && late.length === 0, figures);
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

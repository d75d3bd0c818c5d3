import { PassLoop } from "../../outbox/passLoop.ts";
import { INSTANCE_ID } from "../../cluster/instance.ts";
import { attemptOutcome, HAND_OFF_EVENT, handOffReference } from "../../domain/webhooks.ts";
import type { Logger } from "../../logger.ts";
import { retryDelayMs } from "../../outbox/backoff.ts";
import { record } from "../../outbox/bookkeeping.ts";
import { isDatabaseBusy, type Database } from "../../store/database.ts";
import { addTicketEvents } from "../../store/tickets.ts";
import {
  claimNextDelivery,
  markDelivered,
  markDeliveryDead,
  markDeliveryRetry,
  type DeliveryClaim,
  type WebhookDeliveryRecord,
} from "../../store/webhookDeliveries.ts";
import { findWebhookEndpoint, type WebhookEndpointRecord } from "../../store/webhookEndpoints.ts";
import { sendWebhook, type ReceiverAnswer, type SendWebhook } from "./send.ts";
import { signatureHeader, WEBHOOK_HEADERS } from "./signature.ts";
import { HAND_OFF_ACTOR, handOffNote } from "./texts.ts";

export interface WebhookWorkerOptions {
  db: Database;
  clock: () => Date;
  logger: Logger;
  /** How long a receiver has to answer. */
  timeoutMs: number;
  /** Attempts before a delivery that keeps failing (no answer, 408, 429, 5xx) is a dead letter. */
  maxAttempts: number;
  /** How long a claim holds before another worker may take the delivery up (longer than timeoutMs). */
  leaseMs?: number;
  /** The claimer's name: this instance's by default; tests give each worker its own. */
  instance?: string;
  random?: () => number;
  send?: SendWebhook;
}

export interface WebhookPassResult {
  delivered: number;
  retried: number;
  dead: number;
}

/**
 * Delivers the webhooks' outbox (store/webhookDeliveries.ts), as the chat outbox worker delivers posts and
 * with its pieces (backoff, bookkeeping under the busy backoff, claims with a lease and `claimedBy`): claims
 * the next due delivery (the head of its endpoint's queue for that ticket or meeting), signs it, posts it,
 * and writes the outcome under its claim. Several workers on one database share the queue. A delivery is
 * sent once: only a worker that dies between the send and its record leaves a claim that runs out and is
 * sent again (same event id: the receiver drops it). A hand-off's reply (the 12345 reference) is written in
 * the ticket's history in the transaction that marks it delivered.
 */
export class WebhookWorker {
  private readonly loop = new PassLoop(
    () => this.runOnce(),
    (error: unknown) => this.options.logger.error({ err: error }, "webhook pass failed"),
  );
  /** Delivered, but the database was too busy to write it: written at the next pass, never sent again meanwhile. */
  private readonly unrecorded = new Map<number, () => Promise<boolean>>();

  constructor(private readonly options: WebhookWorkerOptions) {}

  private get instance(): string {
    return this.options.instance ?? INSTANCE_ID;
  }

  /** One pass as of the clock's now: delivers what is due, up to `limit` attempts. */
  async runOnce(limit = 100): Promise<WebhookPassResult> {
    const result: WebhookPassResult = { delivered: 0, retried: 0, dead: 0 };
    for (const [id, write] of [...this.unrecorded]) if (await write()) this.unrecorded.delete(id);
    for (let budget = limit; budget > 0 && !this.loop.stopped; budget--) {
      const delivery = await this.claimNext();
      if (!delivery) break;
      result[await this.deliver(delivery)]++;
    }
    return result;
  }

  private async claimNext(): Promise<WebhookDeliveryRecord | null> {
    const now = this.options.clock();
    try {
      return await claimNextDelivery(this.options.db, {
        claimedBy: this.instance,
        now,
        leaseUntil: new Date(now.getTime() + (this.options.leaseMs ?? Math.max(60_000, this.options.timeoutMs * 2))),
        exceptIds: [...this.unrecorded.keys()],
      });
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      this.options.logger.warn({ err: error }, "webhook claim met a busy database; the next pass tries again");
      return null;
    }
  }

  private async deliver(delivery: WebhookDeliveryRecord): Promise<keyof WebhookPassResult> {
    const { db, clock, logger } = this.options;
    const log = logger.child({
      deliveryId: delivery.id,
      eventId: delivery.eventId,
      endpointId: delivery.endpointId,
      ticketNumber: delivery.ticketNumber ?? undefined,
    });
    const claim: DeliveryClaim = { id: delivery.id, claimedBy: this.instance };
    const endpoint = await findWebhookEndpoint(db, delivery.endpointId);
    if (!endpoint) return "dead";
    const answer = await this.post(endpoint, delivery);
    const now = clock();
    const status = answer.answered ? answer.status : null;
    const outcome = attemptOutcome(status, answer.answered ? answer.retryAfter : null, now);
    if (outcome.kind === "delivered") {
      const write = () => record(db, log, "mark delivered", (tx) => this.settleDelivered(tx, claim, delivery, answer, now));
      if (!(await write())) this.unrecorded.set(delivery.id, write);
      log.info({ attempts: delivery.attempts, status }, "webhook delivered");
      return "delivered";
    }
    const error = answer.answered ? `HTTP ${answer.status}${answer.body ? `: ${answer.body.slice(0, 200)}` : ""}` : answer.error;
    if (outcome.kind === "retry" && delivery.attempts < this.options.maxAttempts) {
      const delay = retryDelayMs(delivery.attempts, this.options.random ?? Math.random, outcome.retryAfterMs);
      await record(db, log, "mark retry", (tx) => markDeliveryRetry(tx, claim, new Date(now.getTime() + delay), status, error));
      log.warn({ attempts: delivery.attempts, status, error, retryInMs: delay }, "webhook not delivered; will retry");
      return "retried";
    }
    await record(db, log, "mark dead", (tx) => markDeliveryDead(tx, claim, status, error));
    log.error({ attempts: delivery.attempts, status, error }, "webhook moved to dead letters");
    return "dead";
  }

  /** Signs with the secret, and with the previous one while its grace period lasts. */
  private post(endpoint: WebhookEndpointRecord, delivery: WebhookDeliveryRecord): Promise<ReceiverAnswer> {
    const now = this.options.clock();
    const timestamp = Math.floor(now.getTime() / 1000);
    const secrets = [endpoint.secret, ...(endpoint.previousSecret && endpoint.previousUntil && endpoint.previousUntil > now ? [endpoint.previousSecret] : [])];
    return (this.options.send ?? sendWebhook)({
      url: endpoint.url,
      body: delivery.body,
      timeoutMs: this.options.timeoutMs,
      headers: {
        [WEBHOOK_HEADERS.event]: delivery.type,
        [WEBHOOK_HEADERS.delivery]: delivery.eventId,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signatureHeader(secrets, timestamp, delivery.body),
      },
    });
  }

  /** Marks it delivered; a hand-off's reply goes into the ticket's history in the same transaction, once. */
  private async settleDelivered(tx: Database, claim: DeliveryClaim, delivery: WebhookDeliveryRecord, answer: ReceiverAnswer, now: Date): Promise<void> {
    const status = answer.answered ? answer.status : 0;
    if (!(await markDelivered(tx, claim, now, status))) return;
    if (delivery.type !== HAND_OFF_EVENT || delivery.ticketNumber === null) return;
    const reference = answer.answered ? handOffReference(answer.body) : null;
    await addTicketEvents(tx, delivery.ticketNumber, [
      { type: "handed_off", actorId: null, actorName: HAND_OFF_ACTOR, fromStatus: null, toStatus: null, note: handOffNote(reference, status), at: now },
    ]);
  }

  /** Polls every `pollMs`; `nudge()` runs a pass at once. */
  start(pollMs: number): void {
    this.loop.start(pollMs);
  }

  /** Runs a pass now, if the worker was started (tests drive `runOnce` themselves). */
  nudge(): void {
    this.loop.nudge();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }
}

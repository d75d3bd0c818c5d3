import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../domain/webhooks.ts";
import { positiveIdParam, type ApiOperation } from "./apiSchemas.ts";

/** The admin API's webhook requests (routes/webhooks.ts) and their documentation, from the same schemas. */

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const webhookUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "must be an http(s) URL without credentials")
  .describe("where the events are POSTed; https in production");

const eventList = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .refine((events) => new Set(events).size === events.length, "names an event twice")
  .describe("the events to send");

export const webhookRegistration = z
  .strictObject({
    unitId: z.string().min(1).describe("the unit whose subtree's events are sent (its tickets and meetings, and every unit's below it)"),
    url: webhookUrl,
    events: eventList,
    handOff: z
      .boolean()
      .default(false)
      .describe(
        "12345 hand-off: a ticket escalated into this county unit's subtree is sent as `ticket.handed_off` and the reply's `reference` recorded in its history",
      ),
    zone: z.string().refine(isTimeZone, "must be an IANA time zone, e.g. Asia/Shanghai").optional().describe("the zone of the documents' times; TZ by default"),
  })
  // A 12345 hand-off endpoint may hear of nothing but its hand-offs.
  .refine((registration) => registration.events.length > 0 || registration.handOff, { message: "names no event", path: ["events"] });

export const webhookChange = z
  .strictObject({
    enabled: z
      .boolean()
      .optional()
      .describe("false: nothing is sent and no new event is written for it; what was already waiting goes out, in order, when it is enabled again"),
    url: webhookUrl.optional(),
    events: eventList.refine((events) => events.length > 0, "names no event").optional(),
  })
  .refine((change) => Object.keys(change).length > 0, "names nothing to change");

export const deliveryQuery = z.strictObject({
  status: z.enum(["pending", "sending", "delivered", "dead"]).optional(),
  endpoint: z.coerce.number().int().min(1).optional().describe("endpoint id"),
  event: z.string().min(1).max(100).optional().describe("event id (X-Yishi-Delivery)"),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("at most this many items"),
});

export const webhookId = z.object({ id: positiveIdParam.describe("endpoint id") });
export const eventId = z.object({ eventId: z.string().min(1).max(100).describe("event id (the document's `id`, header X-Yishi-Delivery)") });

const ENDPOINT_FIELDS = "`{ id, unitId, url, events, handOff, enabled, zone, createdAt, previousSecretUntil }`";

export const WEBHOOK_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/webhooks",
    summary: "Webhook endpoints",
    description: `Each endpoint: ${ENDPOINT_FIELDS}; never its secret.`,
    responses: { "200": "`{ endpoints }`" },
  },
  {
    method: "post",
    path: "/api/webhooks",
    summary: "Register a webhook endpoint",
    description:
      "Answers the endpoint and its signing `secret`, shown this once. Deliveries are signed `X-Yishi-Signature: v1=<hex>` (HMAC-SHA256 of `timestamp.body`); see the README, 「对接其他系统：Webhook 与 12345」.",
    body: webhookRegistration,
    responses: { "201": "`{ endpoint, secret }`", "400": "not of this shape, or `handOff` on a unit that is not a county (区县部门)", "404": "no such unit" },
  },
  {
    method: "patch",
    path: "/api/webhooks/:id",
    summary: "Enable, disable or change a webhook endpoint",
    params: webhookId,
    body: webhookChange,
    responses: { "200": "`{ endpoint }`", "400": "not of this shape", "404": "no such endpoint" },
  },
  {
    method: "delete",
    path: "/api/webhooks/:id",
    summary: "Delete a webhook endpoint and what was still to be sent to it",
    params: webhookId,
    responses: { "200": "`{ deleted: true }`", "400": "not a positive integer", "404": "no such endpoint" },
  },
  {
    method: "post",
    path: "/api/webhooks/:id/rotate",
    summary: "Rotate an endpoint's secret",
    description:
      "Answers the new `secret`, shown this once. For 24 hours deliveries carry two signatures, `v1=<new>,v1=<old>`, so the receiver can switch over.",
    params: webhookId,
    responses: { "200": "`{ endpoint, secret }`", "400": "not a positive integer", "404": "no such endpoint" },
  },
  {
    method: "get",
    path: "/api/webhooks/deliveries",
    summary: "Webhook deliveries, newest first (dead letters: status=dead)",
    description:
      "Each item: `{ id, eventId, endpointId, type, ticketNumber, status, attempts, nextAttemptAt, lastStatus, lastError, createdAt, deliveredAt, document }`, where `lastStatus` is the receiver's last HTTP status (null: no answer) and `document` the JSON sent.",
    query: deliveryQuery,
    responses: { "200": "`{ items }`", "400": "a filter is not valid, or not one of these" },
  },
  {
    method: "post",
    path: "/api/webhooks/events/:eventId/replay",
    summary: "Send an event again",
    description: "Its dead and delivered deliveries go back in the queue, with the same id and document; the receiver drops one it has already.",
    params: eventId,
    responses: { "200": "`{ items }`, queued again", "404": "no such event", "409": "every delivery of it is still waiting or being sent" },
  },
];

import { z } from "zod";
import { COLOURS, ROLES, TICKET_STATUSES } from "../domain/types.ts";
import { readJobInstant } from "../jobs/instant.ts";

/**
 * The admin API's request schemas and its catalogue of operations, in one place: the routes in
 * routes/api.ts validate with these schemas, and openapi.ts documents the same schemas, so the published
 * document cannot drift from what the API accepts. Every query and body is a strict object: a parameter or
 * field the API does not know is refused (400, naming it), never silently ignored as if it had filtered.
 */

const pageLimit = z.coerce.number().int().min(1).max(500).default(100).describe("at most this many items");

/** An instant in a query string: anything Date.parse reads, usually ISO-8601 (2026-11-01 or 2026-11-01T08:00:00+08:00). */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

export const isoInstant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO-8601 date or time")
  // Far outside any sane range, a date only makes the queries fail: a clear 400 instead.
  .refine((value) => Date.parse(value) >= EARLIEST && Date.parse(value) <= LATEST, "must be between 2000-01-01 and 2100-01-01")
  .transform((value) => new Date(value))
  .describe("ISO-8601 date or time, e.g. 2026-11-01 or 2026-11-01T08:00:00+08:00");

/** A ticket number, meeting number or outbox id in the path. */
export const positiveIdParam = z.coerce.number().int().min(1);

export const ticketFilters = z.strictObject({
  status: z.enum(TICKET_STATUSES).optional(),
  unit: z.string().min(1).optional().describe("unit id; tickets of that unit and every unit below it"),
  group: z.string().min(1).optional().describe("group id the ticket came from"),
  category: z
    .string()
    .regex(/^[a-z_]+$/)
    .optional()
    .describe("category id, e.g. repair"),
  colour: z.enum(COLOURS).optional(),
  limit: pageLimit,
  offset: z.coerce.number().int().min(0).default(0).describe("skip this many tickets"),
});

export const groupBinding = z.strictObject({
  platform: z.string().min(1).describe("a registered platform's name (platforms/index.ts)"),
  chatId: z.string().min(1).max(200).describe("the platform's chat id (in the log line of the bot's hint)"),
  unitId: z.string().min(1).describe("the unit the chat belongs to"),
  kind: z.enum(["residents", "staff"]),
  name: z.string().min(1).max(100),
  pushKey: z
    .string()
    .min(1)
    .max(500)
    .nullable()
    .optional()
    .describe("the group robot's key for proactive posts (its webhook key or access token, as the platform names it)"),
  pushSecret: z.string().min(1).max(500).nullable().optional().describe("the group robot's signing secret, where the platform signs its pushes"),
  /** Meeting reminder lead times for this group, in minutes before the meeting. */
  reminderOffsetsMinutes: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 30),
    )
    .min(1)
    .max(10)
    .nullable()
    .optional()
    .describe("meeting reminder lead times for this group, in minutes before the meeting"),
});

/** The binding as the routes check it: the platform must be one of those configured. */
export function groupBindingFor(platforms: readonly string[]) {
  return groupBinding.extend({
    platform: z.string().refine((name) => platforms.includes(name), `must be one of: ${platforms.join(", ")}`),
  });
}

/** `POST /api/jobs/:name`: run a job in the server, as of now or of `at`. */
export const jobRequest = z.strictObject({
  at: z
    .string()
    .superRefine((value, ctx) => {
      const read = readJobInstant(value);
      if (!read.ok) ctx.addIssue({ code: "custom", message: read.reason });
    })
    .optional()
    .describe(
      "run as of this instant (ISO-8601, four-digit year, 2000–2100); default now. Refused more than a day ahead of the clock or before the deployment's first data, unless `force`",
    ),
  force: z.boolean().optional().describe("run at an instant the rules above refuse: the operator means it"),
});

export const roleGrant = z.strictObject({
  platformUserId: z.string().min(1).max(200),
  name: z.string().min(1).max(50).optional(),
  role: z.enum(ROLES),
});

export const statsQuery = z.strictObject({
  unit: z.string().min(1).describe("unit id; figures for it and every unit below it"),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
});

export const meetingQuery = z.strictObject({
  group: z.string().min(1).optional().describe("group id"),
  unit: z.string().min(1).optional().describe("unit id; meetings of that unit and every unit below it"),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  limit: pageLimit,
});

export const outboxQuery = z.strictObject({
  status: z.enum(["pending", "sending", "sent", "dead"]).optional(),
  limit: pageLimit,
});

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** One documented operation; `path` is written as the router registers it (`:name` parameters). */
export interface ApiOperation {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodObject;
  /** Status code → what it means; the body's top-level keys are named in the description. */
  responses: Record<string, string>;
  /** Open to anyone (the documentation itself); everything else needs the admin token. */
  public?: boolean;
  /** Not the admin token: the staff console's session cookie ("console"), or nothing but a link's token in the body ("none"). */
  auth?: "console" | "none";
  /** The success answer's media type when it is not JSON (e.g. `image/*` for a photo's bytes). */
  successType?: string;
}

const ticketNumber = z.object({ number: positiveIdParam.describe("ticket number") });
const meetingNumber = z.object({ number: positiveIdParam.describe("meeting number") });
const groupId = z.object({ groupId: z.string().min(1).describe("group id (as returned by POST /api/groups)") });
const outboxId = z.object({ id: positiveIdParam.describe("outbox post id") });
const attachmentId = z.object({ id: positiveIdParam.describe("attachment id (from a ticket's `attachments`)") });

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/tickets",
    summary: "List tickets",
    description: "Newest first. Answers `{ total, tickets: [...] }`.",
    query: ticketFilters,
    responses: { "200": "`{ total, tickets }`", "400": "a filter is not valid, or not one of these" },
  },
  {
    method: "get",
    path: "/api/tickets/:number",
    summary: "One ticket with its history, followers and photos",
    description:
      "`attachments` lists the ticket's photos, oldest first: `{ id, kind, mime, bytes, url, createdAt }`, where `kind` is `photo` (sent with or after the report) or `after` (sent with 办结) and `url` is `/api/attachments/:id`. Each history entry names the attachments it brought in `attachmentIds`.",
    params: ticketNumber,
    responses: { "200": "`{ ticket }` with `history`, `followers` and `attachments`", "400": "not a positive integer", "404": "no such ticket" },
  },
  {
    method: "get",
    path: "/api/attachments/:id",
    summary: "A photo's bytes",
    description:
      "Answers the stored bytes with their type (`image/jpeg`, `image/png`, `image/gif` or `image/webp`). Chat posts link to `/attachments/:id?expires=…&sig=…` instead: a signed link that works without the token until it expires (ATTACHMENT_LINK_DAYS).",
    params: attachmentId,
    successType: "image/*",
    responses: { "200": "the photo", "400": "not a positive integer", "404": "no such attachment, or its bytes are missing" },
  },
  {
    method: "get",
    path: "/api/stats",
    summary: "Statistics of a unit and every unit below it",
    description:
      "For the tickets reported in the period (default: this month; `from` alone runs to now): timeliness, resolution and satisfaction rates, overall and by estate, community, category and colour. `resolved` (办结) is told apart by outcome: `fixed` (解决, the only ones counted as solved), `cannotFix` (无法解决) and `transferred` (转办).",
    query: statsQuery,
    responses: { "200": "the figures, with `period`", "400": "a bad date, `to` not after `from`, or an unknown parameter", "404": "no such unit" },
  },
  {
    method: "get",
    path: "/api/meetings",
    summary: "List meetings",
    query: meetingQuery,
    responses: { "200": "`{ meetings }`", "400": "a filter is not valid, or not one of these" },
  },
  {
    method: "get",
    path: "/api/meetings/:number",
    summary: "One meeting with agenda and decisions, sign-ups, attendance and reminders",
    params: meetingNumber,
    responses: { "200": "`{ meeting }`", "400": "not a positive integer", "404": "no such meeting" },
  },
  {
    method: "post",
    path: "/api/groups",
    summary: "Bind a platform chat to a unit",
    description: "Posting the same platform and chat id again updates the binding. Credentials are never echoed, only whether they are set.",
    body: groupBinding,
    responses: { "200": "`{ group }`, an existing binding updated", "201": "`{ group }`, a new binding", "400": "not of this shape", "404": "no such unit" },
  },
  {
    method: "put",
    path: "/api/groups/:groupId/members",
    summary: "Grant a role in a group",
    description: "Creates the member on first use.",
    params: groupId,
    body: roleGrant,
    responses: { "200": "`{ member }`", "400": "not of this shape", "404": "no such group" },
  },
  {
    method: "get",
    path: "/api/outbox",
    summary: "Outbound posts, newest first",
    description:
      "Each item: `{ id, groupId, kind, platform, channel, status, text, card, ticketNumber, attempts, nextAttemptAt, lastError, failure, createdAt, sentAt }`, where `failure` is the kind of the last failed send (`outage`, `rateLimited`, `rejected`, `permanent`) or null, and `card` is `{ title, buttons: [{ label, value }], actionId }` for a post the platform shows as a card (a button's `value` is the command a click runs), else null.",
    query: outboxQuery,
    responses: { "200": "`{ items }`", "400": "a filter is not valid, or not one of these" },
  },
  {
    method: "post",
    path: "/api/outbox/:id/retry",
    summary: "Requeue a dead letter",
    params: outboxId,
    responses: { "200": "`{ item }`, queued again", "400": "not a positive integer", "404": "no such post", "409": "the post is not a dead letter" },
  },
  {
    method: "post",
    path: "/api/jobs/:name",
    summary: "Run a job now in the server",
    description:
      "What `npm run job` uses beside a running server: the job runs in the server's process, one run of a job at a time. Jobs: sla, digest-daily, digest-weekly, digest-monthly, reminders, recurring-meetings.",
    params: z.object({ name: z.string().min(1).describe("the job's name") }),
    body: jobRequest,
    responses: { "200": "`{ job, at, result }`", "400": "an unreadable `at`, or one the rules refuse (the reason, in Chinese)", "404": "no such job" },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document (OpenAPI 3.1)",
    public: true,
    responses: { "200": "the OpenAPI document" },
  },
  {
    method: "get",
    path: "/api/docs",
    summary: "This document as a readable page",
    public: true,
    responses: { "200": "an HTML page" },
  },
];

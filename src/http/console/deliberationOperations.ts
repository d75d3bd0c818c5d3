import { z } from "zod";
import type { ApiOperation } from "../apiSchemas.ts";
import { meetingActionSchema } from "../../features/console/meetingActions.ts";
import { groupIdParam, ledgerQuery, meetingNumberParam, meetingsQuery, memberIdParam, pointsQuery } from "./deliberationSchemas.ts";
import { eventId } from "../webhookSchemas.ts";

/** A discriminated union is not an object: documented as one object of every step's fields. */
const meetingActionBody = z.strictObject({
  action: z.enum(meetingActionSchema.options.map((option) => option.shape.action.value) as [string, ...string[]]),
  again: z.boolean().optional().describe("公示: publish every decision again (公示 M 再发)"),
  item: z.number().int().optional().describe("决议, 落实: the agenda item's number"),
  decision: z.string().optional().describe("决议: the decision"),
  owner: z.string().optional().describe("决议: who carries it out (负责人)"),
  due: z.string().optional().describe("决议: by when (期限), as written in the chat, e.g. 12月20日"),
  note: z.string().optional().describe("落实: how it was carried out"),
  person: z.string().optional().describe("签到: the resident's name"),
  text: z.string().optional().describe("议题: 工单12 or the item in words"),
  time: z.string().optional().describe("改期: the new time, as written in the chat"),
  reason: z.string().optional().describe("取消: why"),
});

/** 议事会 and 积分 in the console (session cookie; a change also needs the CSRF token and the same origin). */
export const DELIBERATION_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/console/api/meetings",
    summary: "The month's meetings (议事会) of the viewer's units, for the calendar",
    description:
      "Answers `{ from, to, label, meetings: [{ number, unitId, estate, groupId, topic, place, startsAt, stage, stageName, published, items, decided, done, signUps, attended }] }`; `stage` is `upcoming`, `underway`, `held` or `cancelled`.",
    query: meetingsQuery,
    auth: "console",
    responses: { "200": "the month's meetings", "400": "not a month", "404": "the unit is out of the viewer's reach" },
  },
  {
    method: "get",
    path: "/console/api/meetings/:number",
    summary: "A meeting's page: agenda with tickets, decisions and their 落实, sign-ups, attendance, reminders",
    description:
      "Answers `{ meeting }` with `agenda: [{ seq, text, ticketNumber, ticket, decision, owner, dueAt, decidedAt, doneAt, doneNote, followUp }]` (`followUp`: `undecided`, `decided`, `overdue`, `done`), `publication` (`none`, `unpublished`, `published`, `partly`) and `roleHere` (the viewer's role in the meeting's group, or null).",
    params: meetingNumberParam,
    auth: "console",
    responses: { "200": "`{ meeting }`", "400": "not a positive integer", "404": "no such meeting in the viewer's reach" },
  },
  {
    method: "post",
    path: "/console/api/meetings/:number/actions",
    summary: "A step on a meeting, as the chat's command typed in its group",
    description:
      "Written as the command (`公示 3`, `决议 3 1 … 负责人:… 期限:…`, `落实 3 1 …`, `签到 3 @…`, `议题 3 …`, `改期 3 …`, `取消议事会 3 …`) and run through the same door as a chat message in the meeting's group: the same rules, history and posts. Answers `{ command, refused, replies }`.",
    params: meetingNumberParam,
    body: meetingActionBody,
    auth: "console",
    responses: {
      "200": "`{ command, refused, replies }`",
      "400": "not a valid step",
      "404": "no such meeting in reach",
      "409": "the viewer is not in the meeting's group, where its commands are taken",
    },
  },
  {
    method: "get",
    path: "/console/api/points",
    summary: "The residents' 积分榜 of a unit and below, over a period",
    description: "Staff are left out, as in the chat. Answers `{ period: { from, to, label }, rows: [{ rank, memberId, name, points, entries }] }`.",
    query: pointsQuery,
    auth: "console",
    responses: { "200": "the leaderboard", "400": "a bad period", "404": "the unit is out of reach" },
  },
  {
    method: "get",
    path: "/console/api/points/members/:memberId",
    summary: "A resident's points ledger in the viewer's units",
    description:
      "Answers `{ ledger: { member, total, earned, awarded, takenBack, entries: [{ id, at, points, kind, kindName, reason, estate, ticketNumber, awardedBy }] } }`, phone numbers masked.",
    params: memberIdParam,
    query: ledgerQuery,
    auth: "console",
    responses: { "200": "`{ ledger }`", "404": "no entry of theirs in reach, or the unit is out of reach" },
  },
];

/** 运维: for the members BIND_OPERATORS names; anyone else is answered 403. */
export const OPERATOR_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/console/api/operators/outbox",
    summary: "The outbox by group: pending, paused, sending, dead letters by failure kind",
    description:
      "Answers `{ groups: [{ groupId, groupName, unit, platform, pending, paused, sending, dead, deadByKind: [{ kind, name, count }], oldestWaitingAt }] }`.",
    auth: "console",
    responses: { "200": "`{ groups }`", "403": "not an operator" },
  },
  {
    method: "get",
    path: "/console/api/operators/outbox/:groupId",
    summary: "A group's unsent and dead posts, newest first",
    params: groupIdParam,
    auth: "console",
    responses: { "200": "`{ group, posts }`", "403": "not an operator", "404": "no such group" },
  },
  {
    method: "post",
    path: "/console/api/operators/outbox/:groupId/retry",
    summary: "Re-queue every dead letter of a group, as new",
    params: groupIdParam,
    auth: "console",
    responses: { "200": "`{ requeued }`", "403": "not an operator, or no CSRF token", "404": "no such group" },
  },
  {
    method: "get",
    path: "/console/api/operators/webhooks",
    summary: "The webhook endpoints (never their secrets) and their deliveries: dead letters, waiting, sending, the latest delivered",
    description:
      "Answers `{ endpoints: [{ id, unitId, unit, url, events, eventNames, handOff, enabled, zone, createdAt, previousSecretUntil, counts: { pending, sending, delivered, dead }, deliveries: [{ id, eventId, type, typeName, ticketNumber, status, statusName, attempts, nextAttemptAt, lastStatus, lastError, createdAt, deliveredAt }] }] }`: up to 200 dead letters, 100 pending, 100 sending and the 20 latest delivered; `lastStatus` is the receiver's last HTTP status (null: no answer).",
    auth: "console",
    responses: { "200": "`{ endpoints }`", "403": "not an operator" },
  },
  {
    method: "post",
    path: "/console/api/operators/webhooks/events/:eventId/replay",
    summary: "Send an event again (重发): its dead and delivered deliveries queued as new, the same as the admin API's replay",
    params: eventId,
    auth: "console",
    responses: {
      "200": "`{ requeued }`",
      "403": "not an operator, or no CSRF token",
      "404": "no such event",
      "409": "the event is still waiting or being sent",
    },
  },
  {
    method: "get",
    path: "/console/api/operators/groups",
    summary: "The groups and the units they are bound to, with members by role (never a robot's key)",
    auth: "console",
    responses: { "200": "`{ groups }`", "403": "not an operator" },
  },
  {
    method: "get",
    path: "/console/api/operators/connections",
    summary: "The platforms and their long connections' state, as /readyz sees them",
    description: "Answers `{ platforms: [{ name, transport }], connections: [{ name, state, stateName, reason }], callbackName }`.",
    auth: "console",
    responses: { "200": "the state", "403": "not an operator" },
  },
];

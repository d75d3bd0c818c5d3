import { z } from "zod";
import type { ApiOperation } from "../apiSchemas.ts";
import { positiveIdParam } from "../apiSchemas.ts";
import { consoleActionSchema } from "../../features/console/runCommand.ts";
import {
  boardFiltersQuery,
  boardQuery,
  bulkBody,
  invitationBody,
  platformSignInBody,
  reportQuery,
  signInBody,
  staffStatsQuery,
  statsQuery,
  viewBody,
  viewChangeBody,
} from "./schemas.ts";
import { DELIBERATION_OPERATIONS, OPERATOR_OPERATIONS } from "./deliberationOperations.ts";
import { REWARD_OPERATIONS } from "./rewardOperations.ts";

const ticketNumber = z.object({ number: positiveIdParam.describe("ticket number") });
const viewId = z.object({ id: positiveIdParam.describe("a saved view's id (the built-in ones cannot change)") });
/** A discriminated union is not an object: documented as one object of every action's fields. */
const actionBody = z.strictObject({
  action: z.enum(consoleActionSchema.options.map((option) => option.shape.action.value) as [string, ...string[]]),
  target: z.string().optional().describe("派单: 物业, 网格员, a name or a department"),
  result: z.string().optional().describe("办结: what was done"),
  reason: z.string().optional().describe("驳回 (required), 升级 (optional)"),
  category: z.string().optional().describe("改类: the category's name"),
  colour: z.enum(["red", "orange", "yellow", "blue"]).optional().describe("改色"),
  rating: z.enum(["satisfied", "basically_satisfied", "unsatisfied"]).optional().describe("回访"),
  comment: z.string().optional().describe("回访: the resident's words"),
  follower: z.string().optional().describe("拆分: the follower's name"),
});

/**
 * The staff console's JSON (/console/api), behind the session cookie (`consoleSession`): a change also needs
 * the session's CSRF token in `X-Console-Csrf` and a same-origin request. Plus the admin's invitation.
 */
export const CONSOLE_OPERATIONS: ApiOperation[] = [
  {
    method: "post",
    path: "/api/console/invitations",
    summary: "A console sign-in link for a member",
    description:
      "For an operator to let someone in without the chat: the link works once, within ten minutes, and signs in only staff of some unit or an operator (a resident's is refused at sign-in). Answers `{ url, expiresAt }`.",
    body: invitationBody,
    responses: { "201": "`{ url, expiresAt }`", "400": "not a member id", "404": "no such member" },
  },
  {
    method: "post",
    path: "/console/api/session",
    summary: "Sign in with a link's token",
    description:
      "Trades the token of a sign-in link (from 工作台 in the chat, or the admin's invitation) for a session cookie (HttpOnly, SameSite=Strict), for staff of some unit or an operator only. Answers `{ csrfToken }`.",
    body: signInBody,
    auth: "none",
    responses: {
      "201": "`{ csrfToken }` and the cookie",
      "401": "the link is unknown, used or expired",
      "403": "another origin, or `not_staff`: the link's member is neither staff anywhere nor an operator (the link is spent, no session opens)",
    },
  },
  {
    method: "get",
    path: "/console/api/sign-in",
    summary: "The platforms' own sign-ins the console offers",
    description:
      "Answers `{ methods: [{ platform, kind, label, url?, corpId?, userAgentMark? }] }`: `redirect` (OAuth: open `url`, which goes to the platform's authorisation page and back to `/console/sign-in/{platform}/callback`), `container` (inside the platform's app, whose user agent contains `userAgentMark`: ask the app for a code with `corpId` and post it to `/console/api/session/platform`).",
    auth: "none",
    responses: { "200": "`{ methods }`" },
  },
  {
    method: "post",
    path: "/console/api/session/platform",
    summary: "Sign in with a code from the platform's app",
    description:
      "The platform names the user, who must be a member the bot knows on that platform and staff somewhere: then the same session as a link's. Answers `{ csrfToken }`.",
    body: platformSignInBody,
    auth: "none",
    responses: {
      "201": "`{ csrfToken }` and the cookie",
      "401": "the code is unknown, used or expired",
      "403": "not a member of the organisation, unknown to the bot, not staff, or another origin",
      "404": "no such sign-in configured",
      "503": "the platform did not answer",
    },
  },
  {
    method: "delete",
    path: "/console/api/session",
    summary: "Sign out",
    auth: "console",
    responses: { "204": "signed out", "403": "no CSRF token or another origin" },
  },
  {
    method: "get",
    path: "/console/api/me",
    summary: "Who is signed in, and what they see",
    description:
      "Answers `{ csrfToken, member, rootUnitIds, units, categories, statuses, colours, zone, operator, pages, noUnitsNotice }`: the units they are staff of and every unit below, whether BIND_OPERATORS names them (the 运维 pages), the tabs the page draws (`pages`: `[{ id, name }]` of board, stats, meetings, points, rewards for staff of some unit, ops for an operator), and for an operator who is staff of no unit the sentence saying why they see no ticket (null otherwise; the routes of tickets, figures and meetings answer them 403 `no_units`).",
    auth: "console",
    responses: { "200": "the viewer", "403": "neither staff anywhere nor an operator" },
  },
  {
    method: "get",
    path: "/console/api/tickets",
    summary: "The board (工单台账): one row per ticket",
    description:
      "Newest first, or by resolution deadline (`sort=deadline`). Keyset paging: pass the answer's `next` as `after`. Answers `{ total, totalCapped, next, tickets }` (`total` counts to 10000, `totalCapped` says there are more).",
    query: boardQuery,
    auth: "console",
    responses: { "200": "`{ total, next, tickets }`", "400": "a filter is not valid", "404": "the unit is out of the viewer's reach" },
  },
  {
    method: "post",
    path: "/console/api/tickets/bulk",
    summary: "受理 or 派单 several tickets",
    description: "Each ticket through the chat's command path, one after another. Answers `{ results: [{ number, command, refused, replies }] }`.",
    body: bulkBody,
    auth: "console",
    responses: { "200": "`{ results }`", "400": "not a valid body" },
  },
  {
    method: "get",
    path: "/console/api/handlers",
    summary: "The names tickets are assigned to (the handler filter's choices)",
    auth: "console",
    responses: { "200": "`{ handlers }`" },
  },
  {
    method: "get",
    path: "/console/api/tickets/:number",
    summary: "A ticket's page: its file (一事一档), photos (signed links), followers and meetings",
    params: ticketNumber,
    auth: "console",
    responses: { "200": "`{ ticket }`", "400": "not a positive integer", "404": "no such ticket in the viewer's reach" },
  },
  {
    method: "post",
    path: "/console/api/tickets/:number/actions",
    summary: "Act on a ticket as the chat's command",
    description:
      "Written as the command typed in the chat (`受理 12`, `派单 12 物业`) and run through the same door as a chat message, in the ticket's group (or the viewer's work group above it): the same rules, history and posts. Answers `{ command, refused, replies }`; a refusal is `refused: true` with the chat's words.",
    params: ticketNumber,
    body: actionBody,
    auth: "console",
    responses: {
      "200": "`{ command, refused, replies }`",
      "400": "not a valid action",
      "404": "no such ticket in reach",
      "409": "no group of the viewer's to act in",
    },
  },
  {
    method: "get",
    path: "/console/api/stats",
    summary: "统计 of a unit: figures, drill-down by the units below, and a trend",
    description:
      "The figures of the chat's 统计 (`unitStats`) with `byChild` (the unit's direct children) and `trend` (12 weeks or months to the period's end).",
    query: statsQuery,
    auth: "console",
    responses: { "200": "the figures", "400": "a bad period", "404": "the unit is out of reach" },
  },
  {
    method: "get",
    path: "/console/api/stats/staff",
    summary: "人员统计: per staff member, what they did on the unit's tickets reported in the period",
    description:
      "Answers `{ unitId, period, staff: [{ memberId, name, assigned, resolved, overdue, revisited, rated, ratingScore, satisfied, averageRating, satisfaction }] }`: 派单, 办结 and 回访 (tickets, once each), 超期 (open tickets now assigned to them past their deadline), and the ratings of the tickets they resolved (average out of 3: 满意 3, 基本满意 2, 不满意 1). Ordered by 办结. The board shows a figure's tickets with `staff` and `act`.",
    query: staffStatsQuery,
    auth: "console",
    responses: { "200": "the rows", "400": "a bad period", "404": "the unit is out of reach" },
  },
  {
    method: "get",
    path: "/console/api/report.xlsx",
    summary: "月度通报: the unit's 统计 and 人员 tables of a period, as a workbook",
    description:
      "Two sheets: 统计 (the unit's total, each unit one level down, each category and colour, with the 统计 page's figures and rates) and 人员 (the per-staff figures). `table` is ignored.",
    query: reportQuery,
    auth: "console",
    successType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    responses: { "200": "the workbook", "400": "a bad period", "404": "the unit is out of reach" },
  },
  {
    method: "get",
    path: "/console/api/report.csv",
    summary: "月度通报: one of its tables as CSV (`table=units` or `staff`)",
    query: reportQuery,
    auth: "console",
    successType: "text/csv",
    responses: { "200": "CSV, UTF-8 with a BOM", "400": "a bad period or table", "404": "the unit is out of reach" },
  },
  {
    method: "get",
    path: "/console/api/export.csv",
    summary: "The board as filtered, as CSV (one row per ticket, streamed)",
    query: boardFiltersQuery,
    auth: "console",
    successType: "text/csv",
    responses: { "200": "CSV, UTF-8 with a BOM", "400": "a filter is not valid" },
  },
  {
    method: "get",
    path: "/console/api/export.xlsx",
    summary: "The board as filtered, as an Excel workbook (one row per ticket, streamed)",
    query: boardFiltersQuery,
    auth: "console",
    successType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    responses: { "200": "the workbook", "400": "a filter is not valid" },
  },
  ...DELIBERATION_OPERATIONS,
  ...REWARD_OPERATIONS,
  ...OPERATOR_OPERATIONS,
  {
    method: "get",
    path: "/console/api/views",
    summary: "The viewer's views of the board",
    description:
      "Answers `{ views: [{ id, name, filters, builtIn }] }`: first the built-in 我的待办 (`status=open`, `handler` = the viewer's name) and 超期 (`overdue=1`), then the viewer's own in the order saved. `filters` are the board's query-string values.",
    auth: "console",
    responses: { "200": "`{ views }`" },
  },
  {
    method: "post",
    path: "/console/api/views",
    summary: "Save the board's filters as a view",
    description: "Answers `{ view }`. A view is the member's own: no one else sees or changes it.",
    body: viewBody,
    auth: "console",
    responses: {
      "201": "`{ view }`",
      "400": "a filter is not valid",
      "404": "the unit is out of the viewer's reach",
      "409": "the viewer has a view of that name",
    },
  },
  {
    method: "patch",
    path: "/console/api/views/:id",
    summary: "Rename a view, or replace its filters",
    params: viewId,
    body: viewChangeBody,
    auth: "console",
    responses: { "200": "`{ view }`", "400": "not a valid change", "404": "no such view of the viewer's", "409": "the viewer has a view of that name" },
  },
  {
    method: "delete",
    path: "/console/api/views/:id",
    summary: "Delete a view",
    params: viewId,
    auth: "console",
    responses: { "204": "deleted", "404": "no such view of the viewer's" },
  },
];

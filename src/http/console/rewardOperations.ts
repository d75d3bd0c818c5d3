import { z } from "zod";
import type { ApiOperation } from "../apiSchemas.ts";
import { itemPatchSchema, newItemSchema } from "../../features/rewards/catalogue.ts";
import { handOverQuery, itemIdParam, orderCodeParam, rewardsQuery } from "./rewardSchemas.ts";

/** A discriminated union is not an object: documented as one object of every action's fields. */
const orderActionBody = z.strictObject({
  action: z.enum(["handOver", "cancel"]).describe("handOver: 核销 <码>; cancel: 取消兑换 <码> <原因>"),
  reason: z.string().optional().describe("cancel: why"),
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 积分商城 in the console (session cookie; a change also needs the CSRF token and the same origin). */
export const REWARD_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/console/api/rewards",
    summary: "积分商城 of a unit: catalogue, orders, and points earned, awarded, spent, outstanding and pending per unit",
    description:
      "Answers `{ unitId, unit, items: [{ id, unitId, unit, name, price, stock, monthlyLimit, activeFrom, activeUntil, partner, handOverMemberId, handOverName, collectDays, retiredAt, onOffer, editable }], orders: [{ id, code, itemName, partner, estate, member, quantity, points, status, statusName, createdAt, collectBy, closedAt, closedBy, reason }], figures: { rows: [{ unitId, unit, earned, awarded, takenBack, spent, outstanding, pending }], total } }`: `pending` is the part of `outstanding` not yet spendable (a report not yet resolved, a meeting not yet held). Items offered by the units above are listed with `editable: false`.",
    query: rewardsQuery,
    auth: "console",
    responses: { "200": "the page's data", "404": "the unit is out of the viewer's reach" },
  },
  {
    method: "post",
    path: "/console/api/rewards/items",
    summary: "Add an item to a unit's catalogue",
    description:
      "Dates are ISO instants; `collectDays` (default 7) is how long a resident has to collect; `handOverMemberId` names a resident who may 核销 it (see hand-over-members). Answers 201 `{ item }`; the item's history records who added it.",
    body: newItemSchema,
    auth: "console",
    responses: {
      "201": "`{ item }`",
      "400": "a field is not valid, or the hand-over person is no resident of the unit's estates",
      "403": "the unit's catalogue is not the viewer's to keep",
    },
  },
  {
    method: "post",
    path: "/console/api/rewards/items/:id",
    summary: "Change an item (the fields given)",
    description:
      "`stock` is what is left to give from now on. Answers `{ item, changed }`; a change is recorded in the item's history with the fields it changed.",
    params: itemIdParam,
    body: itemPatchSchema,
    auth: "console",
    responses: {
      "200": "`{ item, changed }`",
      "400": "a field is not valid",
      "403": "an item a unit above offers: the viewer sees it but does not keep it",
      "404": "no such item in reach",
      "409": "the item is retired",
    },
  },
  {
    method: "post",
    path: "/console/api/rewards/items/:id/retire",
    summary: "Retire an item: no new orders (open ones can still be collected or cancelled)",
    params: itemIdParam,
    auth: "console",
    responses: { "200": "`{ item }`", "403": "an item a unit above offers", "404": "no such item in reach", "409": "already retired" },
  },
  {
    method: "get",
    path: "/console/api/rewards/hand-over-members",
    summary: "Who may be named an item's hand-over person (核销人): members of the residents' groups of the unit's estates",
    description:
      "A partner shop's owner who lives there may then 核销 that item's orders without being staff. Answers `{ members: [{ id, name, unit }] }`, at most 20, by name.",
    query: handOverQuery,
    auth: "console",
    responses: { "200": "`{ members }`", "404": "the unit is out of reach" },
  },
  {
    method: "get",
    path: "/console/api/rewards/items/:id/history",
    summary: "An item's history: who added, changed or retired it, and when",
    description: "Answers `{ history: [{ id, action, detail, by, at }] }`, newest first; `action` is `added`, `edited` or `retired`.",
    params: itemIdParam,
    auth: "console",
    responses: { "200": "`{ history }`", "403": "an item a unit above offers", "404": "no such item in reach" },
  },
  {
    method: "post",
    path: "/console/api/rewards/orders/:code/actions",
    summary: "核销 or cancel an order, as the chat's command typed in its group",
    description:
      "Written as the command (`核销 K7PX`, `取消兑换 K7PX 原因`) and run through the same door as a chat message in the order's group (or the viewer's work group above it): the same rules and the same ledger entries. Answers `{ command, refused, replies }`.",
    params: orderCodeParam,
    body: orderActionBody,
    auth: "console",
    responses: {
      "200": "`{ command, refused, replies }`",
      "400": "not a valid action",
      "404": "no such order in reach",
      "409": "the viewer is in no group where the command can be taken",
    },
  },
  {
    method: "get",
    path: "/console/api/rewards/ledger.xlsx",
    summary: "The points ledger of a unit and below, as an Excel workbook",
    query: rewardsQuery,
    auth: "console",
    successType: XLSX,
    responses: { "200": "the workbook, written as it is read", "404": "the unit is out of reach" },
  },
  {
    method: "get",
    path: "/console/api/rewards/exchanges.xlsx",
    summary: "The exchanges made in a unit and below, as an Excel workbook",
    query: rewardsQuery,
    auth: "console",
    successType: XLSX,
    responses: { "200": "the workbook, written as it is read", "404": "the unit is out of reach" },
  },
];

import type Router from "@koa/router";
import type { Context } from "koa";
import { normalizePickupCode } from "../../domain/rewards.ts";
import type { MessageServiceDeps } from "../../features/handleMessage.ts";
import { addItem, editItem, itemPatchSchema, newItemSchema, retireItem } from "../../features/rewards/catalogue.ts";
import {
  exchangesXlsx,
  handOverChoices,
  itemHistory,
  keepsCatalogueOf,
  offeredToViewer,
  validHandOver,
  ledgerXlsx,
  orderActionSchema,
  rewardsPage,
  runOrderAction,
} from "../../features/console/rewards.ts";
import {
  EXCHANGE_SHEET,
  ITEM_ALREADY_RETIRED,
  ITEM_RETIRED,
  LEDGER_SHEET,
  NO_SUCH_ITEM,
  NO_SUCH_ORDER,
  NO_SUCH_UNIT,
  NOT_A_HAND_OVER_MEMBER,
  NOT_IN_ORDER_GROUP,
  NOT_YOUR_CATALOGUE,
  PERIOD_ORDER,
} from "../../features/console/texts.ts";
import { unitsInView, type ConsoleViewer } from "../../features/console/viewer.ts";
import { findRewardItem } from "../../store/rewards.ts";
import { readJsonBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import { parseParams, parseQuery } from "../params.ts";
import { createRouter } from "../router.ts";
import { handOverQuery, itemIdParam, orderCodeParam, rewardsQuery } from "./rewardSchemas.ts";
import { consoleStateOf, requireConsoleSession } from "./session.ts";

/** 积分商城 in the console: the catalogue (kept here), the orders (核销 and 取消 through the chat's commands), the exports. */
export function rewardRoutes(deps: MessageServiceDeps, options: { publicBaseUrl: string; bodyLimit: number }): Router {
  const { db, settings, clock } = deps;
  const router = createRouter();
  const session = requireConsoleSession(db, deps.routing, clock, { publicBaseUrl: options.publicBaseUrl, operators: deps.settings.operators });

  const unitOf = (ctx: Context, unit = parseQuery(rewardsQuery, ctx.query).unit): { viewer: ConsoleViewer; unitId: string } => {
    const { viewer } = consoleStateOf(ctx);
    const unitId = unit ?? viewer.rootUnitIds[0]!;
    if (!viewer.visibleUnitIds.has(unitId)) throw new HttpError(404, "not_found", NO_SUCH_UNIT);
    return { viewer, unitId };
  };
  const itemInReach = async (ctx: Context) => {
    const { id } = parseParams(itemIdParam, ctx);
    const item = await findRewardItem(db, id);
    const { viewer } = consoleStateOf(ctx);
    if (!item || !(keepsCatalogueOf(viewer, item.unitId) || offeredToViewer(viewer, item.unitId))) throw new HttpError(404, "not_found", NO_SUCH_ITEM);
    // What a unit above offers the viewer's estates is theirs to see, not to change.
    if (!keepsCatalogueOf(viewer, item.unitId)) throw new HttpError(403, "forbidden", NOT_YOUR_CATALOGUE);
    return item;
  };

  router.get("/console/api/rewards", session, async (ctx) => {
    const { viewer, unitId } = unitOf(ctx);
    ctx.body = await rewardsPage(db, viewer, unitId, clock());
  });

  router.post("/console/api/rewards/items", session, async (ctx) => {
    const { viewer } = consoleStateOf(ctx);
    const item = await readJsonBody(ctx, options.bodyLimit, newItemSchema);
    if (!keepsCatalogueOf(viewer, item.unitId)) throw new HttpError(403, "forbidden", NOT_YOUR_CATALOGUE);
    if (!(await validHandOver(db, viewer, item.unitId, item.handOverMemberId))) throw new HttpError(400, "invalid_body", NOT_A_HAND_OVER_MEMBER);
    ctx.status = 201;
    ctx.body = { item: await addItem(db, viewer.member.id, item, clock()) };
  });

  router.post("/console/api/rewards/items/:id", session, async (ctx) => {
    const item = await itemInReach(ctx);
    const patch = await readJsonBody(ctx, options.bodyLimit, itemPatchSchema);
    if (!(await validHandOver(db, consoleStateOf(ctx).viewer, item.unitId, patch.handOverMemberId)))
      throw new HttpError(400, "invalid_body", NOT_A_HAND_OVER_MEMBER);
    const outcome = await editItem(db, consoleStateOf(ctx).viewer.member.id, item.id, patch, clock());
    if (outcome.kind === "notFound") throw new HttpError(404, "not_found", NO_SUCH_ITEM);
    if (outcome.kind === "retired") throw new HttpError(409, "retired", ITEM_RETIRED);
    if (outcome.kind === "invalid") throw new HttpError(400, "invalid_body", PERIOD_ORDER);
    ctx.body = { item: outcome.item, changed: outcome.kind === "edited" };
  });

  router.post("/console/api/rewards/items/:id/retire", session, async (ctx) => {
    const item = await itemInReach(ctx);
    if (!(await retireItem(db, consoleStateOf(ctx).viewer.member.id, item.id, clock()))) throw new HttpError(409, "retired", ITEM_ALREADY_RETIRED);
    ctx.body = { item: await findRewardItem(db, item.id) };
  });

  router.get("/console/api/rewards/hand-over-members", session, async (ctx) => {
    const { unit, q } = parseQuery(handOverQuery, ctx.query);
    const { viewer, unitId } = unitOf(ctx, unit);
    ctx.body = { members: await handOverChoices(db, viewer, unitId, q) };
  });

  router.get("/console/api/rewards/items/:id/history", session, async (ctx) => {
    const item = await itemInReach(ctx);
    ctx.body = { history: await itemHistory(db, item.id) };
  });

  router.post("/console/api/rewards/orders/:code/actions", session, async (ctx) => {
    const typed = parseParams(orderCodeParam, ctx).code;
    const code = normalizePickupCode(typed);
    if (!code) throw new HttpError(404, "not_found", NO_SUCH_ORDER(typed));
    const action = await readJsonBody(ctx, options.bodyLimit, orderActionSchema);
    const outcome = await runOrderAction(deps, consoleStateOf(ctx).viewer, code, action);
    if (outcome.kind === "notFound") throw new HttpError(404, "not_found", NO_SUCH_ORDER(code));
    if (outcome.kind === "notInGroup") throw new HttpError(409, "no_group", NOT_IN_ORDER_GROUP(code));
    ctx.body = outcome.result;
  });

  const download = (kind: "ledger" | "exchanges") => (ctx: Context) => {
    const { viewer, unitId } = unitOf(ctx);
    const unitIds = unitsInView(viewer, unitId)!;
    const sheet = kind === "ledger" ? LEDGER_SHEET : EXCHANGE_SHEET;
    const name = `${viewer.units.get(unitId)?.name ?? unitId}-${sheet}-${clock().toISOString().slice(0, 10)}.xlsx`;
    ctx.set("Content-Disposition", `attachment; filename="${kind}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    ctx.set("Cache-Control", "no-store");
    ctx.type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    ctx.body = kind === "ledger" ? ledgerXlsx(db, viewer, unitIds, settings.zone, sheet) : exchangesXlsx(db, viewer, unitIds, settings.zone, sheet);
  };
  router.get("/console/api/rewards/ledger.xlsx", session, download("ledger"));
  router.get("/console/api/rewards/exchanges.xlsx", session, download("exchanges"));

  return router;
}

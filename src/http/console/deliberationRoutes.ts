import type Router from "@koa/router";
import { parsePeriod, type Period } from "../../domain/periods.ts";
import type { MessageServiceDeps } from "../../features/handleMessage.ts";
import { meetingActionSchema, runMeetingCommand } from "../../features/console/meetingActions.ts";
import { meetingCalendar, meetingPage } from "../../features/console/meetings.ts";
import { leaderboard, residentLedger } from "../../features/console/points.ts";
import { ALL_TIME, NO_SUCH_MEETING, NO_SUCH_RESIDENT, NO_SUCH_UNIT, NOT_IN_MEETING_GROUP } from "../../features/console/texts.ts";
import { unitsInView, type ConsoleViewer } from "../../features/console/viewer.ts";
import { readJsonBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import { createRouter } from "../router.ts";
import { ledgerQuery, meetingNumberParam, meetingsQuery, memberIdParam, pointsQuery } from "./deliberationSchemas.ts";
import { parseParams, parseQuery } from "../params.ts";
import { consoleStateOf, requireConsoleSession } from "./session.ts";

/** The units a request names (and those below), or all the viewer sees; 404 for a unit out of reach. */
function unitsAsked(viewer: ConsoleViewer, unit: string | undefined): string[] {
  const unitIds = unitsInView(viewer, unit);
  if (!unitIds) throw new HttpError(404, "not_found", NO_SUCH_UNIT);
  return unitIds;
}

/** 议事会 (the calendar, a meeting, its steps through the chat's commands) and 积分 (the leaderboard, a ledger). */
export function deliberationRoutes(deps: MessageServiceDeps, options: { publicBaseUrl: string; bodyLimit: number }): Router {
  const { db, settings, clock } = deps;
  const router = createRouter();
  const session = requireConsoleSession(db, deps.routing, clock, { publicBaseUrl: options.publicBaseUrl, operators: deps.settings.operators });

  router.get("/console/api/meetings", session, async (ctx) => {
    const { unit, month } = parseQuery(meetingsQuery, ctx.query);
    const { viewer } = consoleStateOf(ctx);
    const now = clock();
    const period = parsePeriod(month ?? "本月", now, settings.zone);
    if (!period) throw new HttpError(400, "invalid_query", "month must be YYYY-MM");
    ctx.body = await meetingCalendar(db, viewer, unitsAsked(viewer, unit), period, now);
  });

  router.get("/console/api/meetings/:number", session, async (ctx) => {
    const { number } = parseParams(meetingNumberParam, ctx);
    const meeting = await meetingPage(db, consoleStateOf(ctx).viewer, number, clock());
    if (!meeting) throw new HttpError(404, "not_found", NO_SUCH_MEETING(number));
    ctx.body = { meeting };
  });

  router.post("/console/api/meetings/:number/actions", session, async (ctx) => {
    const { number } = parseParams(meetingNumberParam, ctx);
    const action = await readJsonBody(ctx, options.bodyLimit, meetingActionSchema);
    const outcome = await runMeetingCommand(deps, consoleStateOf(ctx).viewer, number, action);
    if (outcome.kind === "notFound") throw new HttpError(404, "not_found", NO_SUCH_MEETING(number));
    if (outcome.kind === "notInGroup") throw new HttpError(409, "no_group", NOT_IN_MEETING_GROUP(number));
    ctx.body = outcome.result;
  });

  router.get("/console/api/points", session, async (ctx) => {
    const { unit, period: word } = parseQuery(pointsQuery, ctx.query);
    const { viewer } = consoleStateOf(ctx);
    const unitIds = unitsAsked(viewer, unit ?? viewer.rootUnitIds[0]);
    let period: Period | null = null;
    if (word && word !== ALL_TIME && word !== "all") {
      period = parsePeriod(word, clock(), settings.zone);
      if (!period) throw new HttpError(400, "invalid_query", "period must be 全部, 今天, 本周, 上周, 本月, 上月 or YYYY-MM");
    }
    ctx.body = await leaderboard(db, unitIds, period);
  });

  router.get("/console/api/points/members/:memberId", session, async (ctx) => {
    const { memberId } = parseParams(memberIdParam, ctx);
    const { unit } = parseQuery(ledgerQuery, ctx.query);
    const { viewer } = consoleStateOf(ctx);
    const ledger = await residentLedger(db, viewer, memberId, unitsAsked(viewer, unit));
    if (!ledger) throw new HttpError(404, "not_found", NO_SUCH_RESIDENT);
    ctx.body = { ledger };
  });

  return router;
}

import type Router from "@koa/router";
import type { Context } from "koa";
import type { z } from "zod";
import { parsePeriod, type Period } from "../../domain/periods.ts";
import { categoryName } from "../../bot/taxonomy.ts";
import { COLOUR_LABELS, COLOURS, STATUS_LABELS, TICKET_STATUSES } from "../../domain/types.ts";
import type { MessageServiceDeps } from "../../features/handleMessage.ts";
import { boardFor, boardQueryFor, decodeCursor } from "../../features/console/board.ts";
import { boardCsv, boardXlsx } from "../../features/console/export.ts";
import { consoleActionSchema, runConsoleCommand } from "../../features/console/runCommand.ts";
import { createSignInLink, signIn, signOut } from "../../features/console/sessions.ts";
import { consoleStats } from "../../features/console/stats.ts";
import { viewerIsOperator } from "../../features/console/operators.ts";
import { consolePagesOf } from "../../features/console/pages.ts";
import { consoleStaffStats } from "../../features/console/staffStats.ts";
import { monthlyReport, monthlyReportCsv, monthlyReportXlsx } from "../../features/console/monthlyReport.ts";
import { ticketPage, viewerSeesTicket } from "../../features/console/ticket.ts";
import { mayUseConsole, seesNoUnit } from "../../features/console/viewer.ts";
import { CUSTOM_PERIOD_LABEL } from "../../features/stats/texts.ts";
import {
  EXPORT_SHEET,
  INVITE_NO_MEMBER,
  LINK_NOT_STAFF,
  LINK_REFUSED,
  NO_GROUP_FOR_ACTION,
  NO_SUCH_TICKET,
  NO_SUCH_UNIT,
  OPERATOR_WITHOUT_UNITS,
  reportFileName,
} from "../../features/console/texts.ts";
import { handlerNames } from "../../store/consoleTickets.ts";
import { inTransaction } from "../../store/database.ts";
import { findMember } from "../../store/org.ts";
import { readJsonBody } from "../body.ts";
import { requireAdminToken, type AdminTokenHash } from "../auth.ts";
import { HttpError } from "../errors.ts";
import { parseQuery } from "../params.ts";
import { createRouter } from "../router.ts";
import { positiveIdParam } from "../apiSchemas.ts";
import { boardFiltersQuery, boardQuery, bulkBody, invitationBody, reportQuery, signInBody, staffStatsQuery, statsQuery } from "./schemas.ts";
import { addViewRoutes } from "./views.ts";
import { checkOrigin, consoleStateOf, requireConsoleSession, setSessionCookie, SESSION_COOKIE } from "./session.ts";

function ticketNumberOf(ctx: Context): number {
  const parsed = positiveIdParam.safeParse((ctx.params as Record<string, string | undefined>).number);
  if (!parsed.success) throw new HttpError(400, "invalid_number", "ticket number must be a positive integer");
  return parsed.data;
}

export interface ConsoleRouteOptions {
  adminToken: AdminTokenHash;
  bodyLimit: number;
  publicBaseUrl: string;
}

/** The staff console's JSON API (/console/api) and the admin's invitation; the page itself is static.ts. */
export function consoleRoutes(deps: MessageServiceDeps, options: ConsoleRouteOptions): Router {
  const { db, settings, clock } = deps;
  const router = createRouter();
  const sessionOptions = { publicBaseUrl: options.publicBaseUrl, operators: settings.operators };
  const session = requireConsoleSession(db, deps.routing, clock, sessionOptions);
  // Signing out and `me` serve an operator who is staff of no unit too: the page shows them only 运维.
  const anySession = requireConsoleSession(db, deps.routing, clock, { ...sessionOptions, withoutUnits: true });
  const nameOf = (id: string) => categoryName(settings.categories, id);

  const queryFor = async (ctx: Context, filters: z.infer<typeof boardFiltersQuery>) => {
    const query = await boardQueryFor(db, consoleStateOf(ctx).viewer, filters, clock());
    if (!query) throw new HttpError(404, "not_found", NO_SUCH_UNIT);
    return query;
  };

  // The admin token can still let someone in: a sign-in link for a member, which signs in only staff or an operator.
  router.post("/api/console/invitations", requireAdminToken(options.adminToken), async (ctx) => {
    const { memberId } = await readJsonBody(ctx, options.bodyLimit, invitationBody);
    if (!(await findMember(db, memberId))) throw new HttpError(404, "not_found", INVITE_NO_MEMBER(memberId));
    const link = await inTransaction(db, (tx) => createSignInLink(tx, memberId, clock(), options.publicBaseUrl));
    ctx.status = 201;
    ctx.body = { url: link.url, expiresAt: link.expiresAt.toISOString() };
  });

  router.post("/console/api/session", async (ctx) => {
    checkOrigin(ctx, options.publicBaseUrl);
    const { token } = await readJsonBody(ctx, options.bodyLimit, signInBody);
    const started = await signIn(db, token, clock(), (tx, memberId) => mayUseConsole(tx, deps.routing, memberId, settings.operators));
    if (!started.ok && started.refusal === "notStaff") throw new HttpError(403, "not_staff", LINK_NOT_STAFF);
    if (!started.ok) throw new HttpError(401, "link_refused", LINK_REFUSED);
    setSessionCookie(ctx, started.session.token);
    ctx.status = 201;
    ctx.body = { csrfToken: started.session.csrfToken };
  });

  router.delete("/console/api/session", anySession, async (ctx) => {
    await signOut(db, consoleStateOf(ctx).session.token);
    setSessionCookie(ctx, null);
    ctx.status = 204;
  });

  router.get("/console/api/me", anySession, (ctx) => {
    const { viewer, session: current } = consoleStateOf(ctx);
    const units = [...viewer.visibleUnitIds].map((id) => viewer.units.get(id)!).filter(Boolean);
    const operator = viewerIsOperator(settings, viewer);
    ctx.body = {
      csrfToken: current.csrfToken,
      member: { id: viewer.member.id, name: viewer.member.name },
      rootUnitIds: viewer.rootUnitIds,
      units: units.map((unit) => ({ id: unit.id, name: unit.name, level: unit.level, parentId: unit.parentId })),
      categories: settings.categories.map((category) => ({ id: category.id, name: category.name })),
      statuses: TICKET_STATUSES.map((id) => ({ id, name: STATUS_LABELS[id] })),
      colours: COLOURS.map((id) => ({ id, name: COLOUR_LABELS[id] })),
      zone: settings.zone,
      operator,
      // The tabs to draw: only what this person's requests will be answered.
      pages: consolePagesOf(viewer, operator),
      // An operator who is staff of no unit: why the board, figures and meetings stay empty.
      noUnitsNotice: seesNoUnit(viewer) ? OPERATOR_WITHOUT_UNITS : null,
    };
  });

  router.get("/console/api/tickets", session, async (ctx) => {
    const { sort, after, limit, ...filters } = parseQuery(boardQuery, ctx.query);
    ctx.body = await boardFor(db, consoleStateOf(ctx).viewer, await queryFor(ctx, filters), { sort, after: decodeCursor(after), limit }, nameOf);
  });

  router.get("/console/api/handlers", session, async (ctx) => {
    ctx.body = { handlers: await handlerNames(db, [...consoleStateOf(ctx).viewer.visibleUnitIds]) };
  });

  router.get("/console/api/tickets/:number", session, async (ctx) => {
    const number = ticketNumberOf(ctx);
    const ticket = await ticketPage(db, consoleStateOf(ctx).viewer, number, deps.media, clock(), nameOf);
    if (!ticket) throw new HttpError(404, "not_found", NO_SUCH_TICKET(number));
    ctx.body = { ticket };
  });

  router.post("/console/api/tickets/:number/actions", session, async (ctx) => {
    const number = ticketNumberOf(ctx);
    const action = await readJsonBody(ctx, options.bodyLimit, consoleActionSchema);
    const { viewer } = consoleStateOf(ctx);
    if (!(await viewerSeesTicket(db, viewer, number))) throw new HttpError(404, "not_found", NO_SUCH_TICKET(number));
    const result = await runConsoleCommand(deps, viewer, number, action);
    if (!result) throw new HttpError(409, "no_group", NO_GROUP_FOR_ACTION(number));
    ctx.body = result;
  });

  // 批量受理 / 批量派单: each ticket through the same command path, one after another; each answers for itself.
  router.post("/console/api/tickets/bulk", session, async (ctx) => {
    const body = await readJsonBody(ctx, options.bodyLimit, bulkBody);
    const { viewer } = consoleStateOf(ctx);
    const results = [];
    for (const number of body.numbers) {
      if (!(await viewerSeesTicket(db, viewer, number))) {
        results.push({ number, refused: true, replies: [NO_SUCH_TICKET(number)] });
        continue;
      }
      const action = body.action === "assign" ? { action: "assign" as const, target: body.target! } : { action: "accept" as const };
      const result = await runConsoleCommand(deps, viewer, number, action);
      results.push(result ? { number, ...result } : { number, refused: true, replies: [NO_GROUP_FOR_ACTION(number)] });
    }
    ctx.body = { results };
  });

  /** The unit and period a statistics request names: the viewer's first unit and this month unless told. */
  const statsScope = (ctx: Context, query: { unit?: string | undefined; period?: string | undefined; from?: Date | undefined; to?: Date | undefined }) => {
    const { viewer } = consoleStateOf(ctx);
    const unitId = query.unit ?? viewer.rootUnitIds[0]!;
    if (!viewer.visibleUnitIds.has(unitId)) throw new HttpError(404, "not_found", NO_SUCH_UNIT);
    const now = clock();
    let period: Period | null;
    if (query.from || query.to) {
      const month = parsePeriod("本月", now, settings.zone)!;
      period = { from: query.from ?? month.from, to: query.to ?? now, label: CUSTOM_PERIOD_LABEL };
      if (period.to.getTime() <= period.from.getTime()) throw new HttpError(400, "invalid_query", "to must be after from");
    } else {
      period = parsePeriod(query.period ?? "本月", now, settings.zone);
      if (!period) throw new HttpError(400, "invalid_query", "period must be 今天, 本周, 上周, 本月, 上月 or YYYY-MM");
    }
    return { viewer, unitId, period, now };
  };

  router.get("/console/api/stats", session, async (ctx) => {
    const query = parseQuery(statsQuery, ctx.query);
    const { viewer, unitId, period, now } = statsScope(ctx, query);
    ctx.body = await consoleStats(db, viewer, settings, unitId, period, query.trend, now);
  });

  router.get("/console/api/stats/staff", session, async (ctx) => {
    const { viewer, unitId, period, now } = statsScope(ctx, parseQuery(staffStatsQuery, ctx.query));
    ctx.body = await consoleStaffStats(db, viewer, unitId, period, now);
  });

  // 月度通报: the 统计 and 人员 tables of a unit and period, as a workbook of two sheets or one table as CSV.
  const reportRoute = (format: "csv" | "xlsx") => async (ctx: Context) => {
    const { table, ...query } = parseQuery(reportQuery, ctx.query);
    const { viewer, unitId, period, now } = statsScope(ctx, query);
    const report = await monthlyReport(db, viewer, settings, unitId, period, now);
    const name = `${reportFileName(report.unitName, report.periodLabel)}${format === "csv" ? `-${table}` : ""}.${format}`;
    ctx.set("Content-Disposition", `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    ctx.set("Cache-Control", "no-store");
    if (format === "csv") {
      ctx.type = "text/csv; charset=utf-8";
      ctx.body = monthlyReportCsv(report, table);
    } else {
      ctx.type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      ctx.body = monthlyReportXlsx(report);
    }
  };
  router.get("/console/api/report.csv", session, reportRoute("csv"));
  router.get("/console/api/report.xlsx", session, reportRoute("xlsx"));

  const exportRoute = (format: "csv" | "xlsx") => async (ctx: Context) => {
    const filters = parseQuery(boardFiltersQuery, ctx.query);
    const { viewer } = consoleStateOf(ctx);
    const query = await queryFor(ctx, filters);
    const stamp = clock().toISOString().slice(0, 10);
    const file = `${encodeURIComponent(EXPORT_SHEET)}-${stamp}.${format}`;
    ctx.set("Content-Disposition", `attachment; filename="export-${stamp}.${format}"; filename*=UTF-8''${file}`);
    ctx.set("Cache-Control", "no-store");
    if (format === "csv") {
      ctx.type = "text/csv; charset=utf-8";
      ctx.body = boardCsv(db, viewer, query, nameOf, settings.zone);
    } else {
      ctx.type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      ctx.body = boardXlsx(db, viewer, query, nameOf, settings.zone, EXPORT_SHEET);
    }
  };
  router.get("/console/api/export.csv", session, exportRoute("csv"));
  router.get("/console/api/export.xlsx", session, exportRoute("xlsx"));

  addViewRoutes(router, db, session, options.bodyLimit, clock);

  return router;
}

export { SESSION_COOKIE };

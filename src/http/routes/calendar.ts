import type Router from "@koa/router";
import type { Database } from "../../store/database.ts";
import { groupCalendar, meetingCalendar } from "../../features/meetings/calendar.ts";
import { createRouter } from "../router.ts";

/** iCalendar feeds for phone calendars, readable only through the per-group link the bot posts (日历). */
export function calendarRoutes(db: Database): Router {
  const router = createRouter("/calendar");
  const token = (query: Record<string, unknown>) => (typeof query.token === "string" ? query.token : undefined);
  router.get("/groups/:file", async (ctx) => {
    const groupId = ctx.params.file!.replace(/\.ics$/, "");
    ctx.type = "text/calendar; charset=utf-8";
    ctx.body = await groupCalendar(db, groupId, token(ctx.query));
  });
  router.get("/meetings/:file", async (ctx) => {
    const number = Number(ctx.params.file!.replace(/\.ics$/, ""));
    ctx.type = "text/calendar; charset=utf-8";
    ctx.body = await meetingCalendar(db, Number.isSafeInteger(number) ? number : 0, token(ctx.query));
  });
  return router;
}

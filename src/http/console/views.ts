import type Router from "@koa/router";
import type { Context, Middleware } from "koa";
import { changeView, removeView, saveView, viewsFor, type ViewChange } from "../../features/console/views.ts";
import { unitsInView } from "../../features/console/viewer.ts";
import { NO_SUCH_UNIT, NO_SUCH_VIEW, VIEW_NAME_TAKEN } from "../../features/console/texts.ts";
import type { Database } from "../../store/database.ts";
import { positiveIdParam } from "../apiSchemas.ts";
import { readJsonBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import { viewBody, viewChangeBody } from "./schemas.ts";
import { consoleStateOf } from "./session.ts";

function viewIdOf(ctx: Context): number {
  const parsed = positiveIdParam.safeParse((ctx.params as Record<string, string | undefined>).id);
  if (!parsed.success) throw new HttpError(404, "not_found", NO_SUCH_VIEW);
  return parsed.data;
}

/** A view names a unit the viewer sees, or none. */
function checkUnit(ctx: Context, filters: Record<string, string> | undefined): void {
  if (filters?.unit && !unitsInView(consoleStateOf(ctx).viewer, filters.unit)) throw new HttpError(404, "not_found", NO_SUCH_UNIT);
}

function answer(ctx: Context, change: ViewChange, name: string | undefined): void {
  if (!change.ok && change.why === "missing") throw new HttpError(404, "not_found", NO_SUCH_VIEW);
  if (!change.ok) throw new HttpError(409, "view_name_taken", VIEW_NAME_TAKEN(name ?? ""));
  ctx.body = { view: change.view };
}

/** Saved views of the board (/console/api/views), each member's own, behind the console's session and CSRF rules. */
export function addViewRoutes(router: Router, db: Database, session: Middleware, bodyLimit: number, clock: () => Date): void {
  router.get("/console/api/views", session, async (ctx) => {
    ctx.body = { views: await viewsFor(db, consoleStateOf(ctx).viewer) };
  });

  router.post("/console/api/views", session, async (ctx) => {
    const { name, filters } = await readJsonBody(ctx, bodyLimit, viewBody);
    checkUnit(ctx, filters);
    answer(ctx, await saveView(db, consoleStateOf(ctx).viewer, name, filters, clock()), name);
    ctx.status = 201;
  });

  router.patch("/console/api/views/:id", session, async (ctx) => {
    const id = viewIdOf(ctx);
    const change = await readJsonBody(ctx, bodyLimit, viewChangeBody);
    checkUnit(ctx, change.filters);
    answer(ctx, await changeView(db, consoleStateOf(ctx).viewer, id, change, clock()), change.name);
  });

  router.delete("/console/api/views/:id", session, async (ctx) => {
    if (!(await removeView(db, consoleStateOf(ctx).viewer, viewIdOf(ctx)))) throw new HttpError(404, "not_found", NO_SUCH_VIEW);
    ctx.status = 204;
  });
}

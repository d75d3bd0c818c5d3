import type Router from "@koa/router";
import type { Context } from "koa";
import type { MessageServiceDeps } from "../../features/handleMessage.ts";
import { Open311Refusal } from "../../features/open311/errors.ts";
import { fileOpen311Report } from "../../features/open311/intake.ts";
import { authenticateOpen311Key, takeOpen311Request } from "../../features/open311/keys.ts";
import { findOpen311Request, listOpen311Requests } from "../../features/open311/requests.ts";
import { servicesOf } from "../../features/open311/services.ts";
import * as texts from "../../features/open311/texts.ts";
import type { Open311KeyRecord } from "../../store/open311.ts";
import { createRouter } from "../router.ts";
import { open311Document } from "./document.ts";
import { FORMATS, open311Errors, respond, type Format } from "./format.ts";
import { apiKeyOf, readRequestsQuery, readSubmission, readSubmissionBody, singleValues } from "./input.ts";

const SERVICES = { root: "services", item: "service" };
const REQUESTS = { root: "service_requests", item: "request" };

/**
 * Open311 GeoReport v2 under /open311/v2/: services (public), requests (GET, POST) and requests/{id}, each
 * as .json and .xml. Requests need a client's API key, scoped to a unit's subtree and rate-limited per key.
 */
export function open311Routes(deps: MessageServiceDeps, options: { bodyLimit: number }): Router {
  const router = createRouter("/open311/v2");
  const { db, settings } = deps;

  /** The key of the request, checked, and counted against its limit: 403 without a live key, 429 over it. */
  const keyOf = async (ctx: Context, given: string | null): Promise<Open311KeyRecord> => {
    if (!given) throw new Open311Refusal(403, texts.KEY_MISSING);
    const key = await authenticateOpen311Key(db, given);
    if (!key) throw new Open311Refusal(403, texts.KEY_INVALID);
    const taken = await takeOpen311Request(db, key, deps.clock());
    if (!taken.allowed) throw new Open311Refusal(429, texts.rateLimited(key.perMinute, taken.retryAfterSeconds), taken.retryAfterSeconds);
    ctx.set("X-RateLimit-Limit", String(key.perMinute));
    return key;
  };

  router.get("/openapi.json", (ctx) => {
    ctx.body = open311Document();
  });

  for (const format of FORMATS) {
    const errors = open311Errors(format, deps.logger);

    router.get(`/services.${format}`, errors, (ctx) => {
      respond(ctx, format, 200, SERVICES, servicesOf(settings.categories));
    });

    router.get(`/requests.${format}`, errors, async (ctx) => {
      const fields = singleValues(ctx.query);
      const now = deps.clock();
      const query = readRequestsQuery(fields, { zone: settings.zone, now, categories: settings.categories });
      const key = await keyOf(ctx, apiKeyOf(ctx, fields));
      const { requests, total } = await listOpen311Requests(db, settings, key, query, now);
      pagingHeaders(ctx, format, query.page, query.pageSize, total);
      respond(ctx, format, 200, REQUESTS, requests);
    });

    router.get(`/requests/:id.${format}`, errors, async (ctx) => {
      const fields = singleValues(ctx.query);
      const unknown = Object.keys(fields).filter((name) => name !== "api_key" && name !== "jurisdiction_id");
      if (unknown.length) throw new Open311Refusal(400, texts.unknownParameter(unknown));
      const key = await keyOf(ctx, apiKeyOf(ctx, fields));
      const id = ctx.params.id!;
      // Another subtree's ticket is "not found", as one that does not exist: a key learns nothing of it.
      const request = /^[1-9]\d{0,8}$/.test(id) ? await findOpen311Request(db, settings, key, Number(id), deps.clock()) : null;
      if (!request) throw new Open311Refusal(404, texts.NO_SUCH_REQUEST(id));
      respond(ctx, format, 200, REQUESTS, [request]);
    });

    // Intake is immediate (the report is a ticket, or joins one, before the answer): no token is ever given.
    router.get(`/tokens/:token.${format}`, errors, () => {
      throw new Open311Refusal(404, texts.NO_SUCH_TOKEN);
    });

    router.post(`/requests.${format}`, errors, async (ctx) => {
      const body = await readSubmissionBody(ctx, options.bodyLimit);
      const query = singleValues(ctx.query);
      const unknownInQuery = Object.keys(query).filter((name) => name !== "api_key" && name !== "jurisdiction_id");
      if (unknownInQuery.length) throw new Open311Refusal(400, texts.unknownParameter(unknownInQuery));
      const submission = readSubmission(body, settings.categories);
      const key = await keyOf(ctx, apiKeyOf(ctx, { ...query, ...body }));
      const filed = await fileOpen311Report(deps, key, submission);
      respond(ctx, format, 201, REQUESTS, [{ service_request_id: filed.serviceRequestId, service_notice: filed.serviceNotice, account_id: "" }]);
    });
  }
  return router;
}

/**
 * Paging (not in the spec, so in headers a plain client may ignore): X-Total-Count, and a Link header with
 * rel="next" / rel="prev" for the neighbouring pages.
 */
function pagingHeaders(ctx: Context, format: Format, page: number, pageSize: number, total: number): void {
  ctx.set("X-Total-Count", String(total));
  ctx.set("X-Page", String(page));
  ctx.set("X-Page-Size", String(pageSize));
  const link = (to: number, rel: string) => {
    const params = new URLSearchParams(ctx.querystring);
    for (const name of ["api_key", "page", "page_size"]) params.delete(name); // a key never travels in a link a client may log
    const rest = params.toString();
    return `</open311/v2/requests.${format}?page=${to}&page_size=${pageSize}${rest ? `&${rest}` : ""}>; rel="${rel}"`;
  };
  const links = [...(page * pageSize < total ? [link(page + 1, "next")] : []), ...(page > 1 ? [link(page - 1, "prev")] : [])];
  if (links.length) ctx.set("Link", links.join(", "));
}

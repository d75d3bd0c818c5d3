import type Router from "@koa/router";
import { z } from "zod";
import { DEFAULT_PER_MINUTE, issueOpen311Key, open311Keys, revokeKey } from "../../features/open311/keys.ts";
import type { Database } from "../../store/database.ts";
import { loadUnitTree } from "../../store/org.ts";
import type { ApiOperation } from "../apiSchemas.ts";
import { positiveIdParam } from "../apiSchemas.ts";
import { requireAdminToken, type AdminTokenHash } from "../auth.ts";
import { readJsonBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import { createRouter } from "../router.ts";

export const open311KeyRequest = z.strictObject({
  name: z.string().trim().min(1).max(100).describe("the client, as operators and staff read it (e.g. 兰陵县12345平台)"),
  unit: z.string().min(1).describe("unit id: the key sees and files tickets of this unit and every unit below it"),
  perMinute: z.number().int().min(1).max(10_000).default(DEFAULT_PER_MINUTE).describe("requests a minute the key may make, across every instance"),
});
const keyId = z.object({ id: positiveIdParam.describe("key id (from POST /api/open311/keys)") });

/** The admin API's Open311 operations, documented in the admin OpenAPI document. */
export const OPEN311_KEY_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/open311/keys",
    summary: "List the Open311 clients' API keys",
    description: "Answers `{ keys: [{ id, name, unitId, perMinute, createdAt, revokedAt, lastUsedAt }] }`; never a key or its hash.",
    responses: { "200": "`{ keys }`" },
  },
  {
    method: "post",
    path: "/api/open311/keys",
    summary: "Create an Open311 client's API key",
    description: "Answers `{ key, apiKey }`: `apiKey` is shown this once; only its SHA-256 is kept.",
    body: open311KeyRequest,
    responses: { "201": "`{ key, apiKey }`", "400": "a field is missing or not valid", "404": "no such unit" },
  },
  {
    method: "post",
    path: "/api/open311/keys/:id/revoke",
    summary: "Revoke an Open311 API key",
    description: "At once, on every instance; the first revocation's time is kept. Answers `{ key }`.",
    params: keyId,
    responses: { "200": "`{ key }`", "400": "the id is not a positive integer", "404": "no such key" },
  },
];

/** Operators make, list and revoke the Open311 clients' keys, behind the admin token. */
export function open311KeyRoutes(db: Database, adminToken: AdminTokenHash, bodyLimit: number, clock: () => Date): Router {
  const router = createRouter("/api/open311");
  const admin = requireAdminToken(adminToken);

  router.get("/keys", admin, async (ctx) => {
    ctx.body = { keys: await open311Keys(db) };
  });

  router.post("/keys", admin, async (ctx) => {
    const request = await readJsonBody(ctx, bodyLimit, open311KeyRequest);
    const units = await loadUnitTree(db);
    if (!units.get(request.unit)) throw new HttpError(404, "not_found", `no unit ${request.unit}`);
    ctx.status = 201;
    ctx.body = await issueOpen311Key(db, { name: request.name, unitId: request.unit, perMinute: request.perMinute }, clock());
  });

  router.post("/keys/:id/revoke", admin, async (ctx) => {
    const parsed = positiveIdParam.safeParse(ctx.params.id);
    if (!parsed.success) throw new HttpError(400, "invalid_number", "key id must be a positive integer");
    const key = await revokeKey(db, parsed.data, clock());
    if (!key) throw new HttpError(404, "not_found", `no key ${parsed.data}`);
    ctx.body = { key };
  });

  return router;
}

import { request as httpRequest } from "node:http";
import type Router from "@koa/router";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { isAdminCheck } from "../../src/http/auth.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { sql } from "kysely";

/** Sends the path exactly as written (fetch would tidy `//`, `/./` and the like before it leaves). */
function rawRequest(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<number> {
  const url = new URL(baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, ...(payload ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) } : {}) },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode!));
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

/** Every row of every table, to compare before and after. */
async function everything(t: TestBot): Promise<string> {
  const names = (await t.database.db.query.introspection.getTables()).map((table) => table.name).sort();
  const rows: Record<string, unknown> = {};
  for (const name of names) rows[name] = (await sql.raw(`SELECT * FROM "${name}"`).execute(t.database.db.query)).rows;
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

/** A concrete path for an OpenAPI path template: `{number}` → 1, `{groupId}` → the demo residents' group… */
function concrete(template: string): string {
  const samples: Record<string, string> = { number: "1", id: "1", groupId: "g-yangguang", name: "sla" };
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => samples[name] ?? "1");
}

const percentEncodeFirstLetter = (segment: string) => segment.replace(/[a-z]/, (letter) => `%${letter.charCodeAt(0).toString(16)}`);
const capitalise = (segment: string) => segment.replace(/[a-z]/, (letter) => letter.toUpperCase());

/** The path in every spelling an attacker might try: letter case, percent-encoding, slashes, dots. */
function spellings(path: string): string[] {
  const segments = path.split("/").slice(1);
  const variants = new Set<string>([
    path,
    path.toUpperCase(),
    path.replace(/[a-z]/g, (letter) => `%${letter.charCodeAt(0).toString(16)}`),
    `${path}/`,
    `/${path}`,
    path.replace("/api/", "/api//"),
    path.replace("/api/", "/api/./"),
    path.replace("/api/", "/x/../api/"),
    path.replace("/api/", "/api%2F"),
    `${path};x`,
    `${path}%00`,
  ]);
  segments.forEach((_segment, index) => {
    const rewritten = (change: (segment: string) => string) => `/${segments.map((segment, i) => (i === index ? change(segment) : segment)).join("/")}`;
    variants.add(rewritten(capitalise));
    variants.add(rewritten((segment) => segment.toUpperCase()));
    variants.add(rewritten(percentEncodeFirstLetter));
  });
  return [...variants];
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/** Bodies that would do harm if they got through: make a resident a secretary, push every ticket up, bind a chat. */
const HARMFUL_BODY = {
  platformUserId: "u-zhang",
  role: "secretary",
  at: "9999-12-31T00:00:00Z",
  platform: "sandbox",
  chatId: "intruder",
  unitId: "sq-xingfu",
  kind: "staff",
  name: "入侵者",
};

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
  // Something to leak and something to escalate.
  await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
});
afterAll(async () => {
  await t.close();
});

describe("the admin API's doors", () => {
  it("answers 404, not the data, to /API/tickets, and grants and escalates nothing through /API", async () => {
    const before = await everything(t);
    expect(await rawRequest(t.baseUrl, "GET", "/API/tickets")).toBe(404);
    expect(await rawRequest(t.baseUrl, "GET", "/Api/outbox")).toBe(404);
    expect(await rawRequest(t.baseUrl, "PUT", "/API/groups/g-yangguang/members", { platformUserId: "u-zhang", role: "secretary" })).toBe(404);
    expect(await rawRequest(t.baseUrl, "POST", "/API/jobs/sla", { at: "9999-12-31T00:00:00Z" })).toBe(404);
    expect(await everything(t)).toBe(before);
  });

  // Which door answers is settled by the routers and the token check, before any query: the sweep's thousands
  // of requests (half a minute to two of CPU on these machines) run on one database. On PostgreSQL the other
  // cases, and the check that each admin route's first step is the token check, still run.
  it.skipIf(inject("databaseDialect") === "postgres")(
    "refuses every path of the OpenAPI document, in every spelling and method, without the token",
    async () => {
      const document = (await t.request("GET", "/api/openapi.json")).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
      const before = await everything(t);
      const answered: string[] = [];
      let tried = 0;
      for (const [template, operations] of Object.entries(document.paths)) {
        const isPublic = Object.values(operations).every((operation) => Array.isArray(operation.security) && operation.security.length === 0);
        const path = concrete(template);
        for (const spelling of spellings(path)) {
          for (const method of METHODS) {
            const wrongTokens = spelling === path ? [{ authorization: "Bearer not-the-token" }, { authorization: `bearer ${ADMIN_TOKEN.toUpperCase()}` }] : [];
            for (const headers of [{}, ...wrongTokens]) {
              const status = await rawRequest(t.baseUrl, method, spelling, ["POST", "PUT", "PATCH"].includes(method) ? HARMFUL_BODY : undefined, headers);
              tried += 1;
              const documented = spelling === path && (operations[method.toLowerCase()] !== undefined || (method === "HEAD" && operations.get));
              // An operation open to anyone (the documentation, the console's sign-in with a link's token) answers.
              const open = operations[method.toLowerCase()]?.security?.length === 0;
              if ((isPublic || open) && documented) continue;
              const expected = documented ? [401] : isPublic ? [404] : [401, 404];
              if (!expected.includes(status)) answered.push(`${method} ${spelling} → ${status}`);
            }
          }
        }
      }
      expect(tried).toBeGreaterThan(1000);
      expect(answered).toEqual([]);
      expect(await everything(t)).toBe(before);
      // Thousands of requests, one after another: more than the default 20 s on a busy 2-core machine.
    },
    120_000,
  );

  it("puts the token check on every admin route itself, first, on routers that match one spelling", () => {
    const routers = t.bot.app.middleware.map((middleware) => (middleware as { router?: Router }).router).filter((router) => router !== undefined);
    expect(routers.length).toBeGreaterThan(3);
    const adminRoutes: string[] = [];
    for (const router of routers) {
      expect(router.opts).toMatchObject({ sensitive: true, strict: true });
      for (const layer of router.stack) {
        const path = String(layer.path);
        if (!path.startsWith("/api") || path === "/api/openapi.json" || path === "/api/docs") continue;
        expect(isAdminCheck(layer.stack[0]), path).toBe(true);
        adminRoutes.push(path);
      }
    }
    expect(adminRoutes.length).toBeGreaterThanOrEqual(11);
  });

  it("gives the signed photo links, the calendar feeds and the job hand-over no other spelling either", async () => {
    const before = await everything(t);
    for (const [method, path] of [
      ["GET", "/attachments/1"],
      ["GET", "/calendar/groups/g-yangguang.ics"],
      ["GET", "/calendar/meetings/1.ics"],
      ["POST", "/api/jobs/sla"],
      ["GET", "/sandbox/groups"],
    ] as const) {
      for (const spelling of spellings(path).filter((variant) => variant !== path)) {
        const status = await rawRequest(
          t.baseUrl,
          method,
          `${spelling}?token=x&expires=9999999999&sig=x`,
          method === "POST" ? { at: "9999-12-31T00:00:00Z" } : undefined,
        );
        // 404: no such route; else the route itself, refusing a parameter (`1;x`) or asking for the token.
        expect([400, 401, 404], `${method} ${spelling} → ${status}`).toContain(status);
      }
    }
    expect(await everything(t)).toBe(before);
  });

  it("still opens every door with the token, however the scheme word is written", async () => {
    expect(await rawRequest(t.baseUrl, "GET", "/api/tickets", undefined, { authorization: `Bearer ${ADMIN_TOKEN}` })).toBe(200);
    expect(await rawRequest(t.baseUrl, "GET", "/api/tickets/1", undefined, { authorization: `bearer ${ADMIN_TOKEN}` })).toBe(200);
  });
});

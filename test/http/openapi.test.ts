import type Router from "@koa/router";
import { compileErrors, validate } from "@readme/openapi-parser";
import type Koa from "koa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_OPERATIONS, groupBinding, ticketFilters } from "../../src/http/apiSchemas.ts";
import { openApiDocument, openApiPath } from "../../src/http/openapi.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";

type Document = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
        requestBody?: any;
        responses: Record<string, unknown>;
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown> };
  security: unknown[];
};

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t.close();
});

/** "GET /api/tickets/{number}" for every route any router of the running app registers under /api and /console/api. */
function registeredApiRoutes(app: Koa): Set<string> {
  const routes = new Set<string>();
  for (const middleware of app.middleware) {
    const router = (middleware as { router?: Router }).router;
    for (const layer of router?.stack ?? []) {
      const routePath = String(layer.path);
      if (!routePath.startsWith("/api") && !routePath.startsWith("/console/api")) continue;
      for (const method of layer.methods) if (method !== "HEAD") routes.add(`${method} ${openApiPath(routePath)}`);
    }
  }
  return routes;
}

function documentedRoutes(document: Document): Set<string> {
  return new Set(Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)));
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const document = openApiDocument() as Document;
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it("documents every /api and /console/api route the app registers, and no other", () => {
    const registered = registeredApiRoutes(t.bot.app);
    expect(registered.size).toBeGreaterThanOrEqual(11);
    expect(documentedRoutes(openApiDocument() as Document)).toEqual(registered);
  });

  it("requires the admin bearer token everywhere but on the documentation itself and the console, which needs its session", () => {
    const document = openApiDocument() as Document;
    expect(document.components.securitySchemes).toEqual({
      adminToken: expect.objectContaining({ type: "http", scheme: "bearer" }),
      consoleSession: expect.objectContaining({ type: "apiKey", in: "cookie", name: "yishi_console" }),
    });
    expect(document.security).toEqual([{ adminToken: [] }]);
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const isDocumentation = path === "/api/openapi.json" || path === "/api/docs";
        // Signing in: by a link's token, by a platform's code, and the list of the platforms' sign-ins.
        const isSignInMethods = path === "/console/api/sign-in";
        const isSignIn = (path === "/console/api/session" && method === "post") || path === "/console/api/session/platform" || isSignInMethods;
        const isConsole = path.startsWith("/console/api/") && !isSignIn;
        expect(operation.security, path).toEqual(isDocumentation || isSignIn ? [] : isConsole ? [{ consoleSession: [] }] : undefined);
        expect(Object.keys(operation.responses).includes("401"), path).toBe(!isDocumentation && !isSignInMethods);
      }
    }
  });

  it("takes its parameters and bodies from the schemas that validate the requests", () => {
    const document = openApiDocument() as Document;
    const tickets = document.paths["/api/tickets"]!.get!;
    expect(tickets.parameters!.map((parameter) => parameter.name)).toEqual(Object.keys(ticketFilters.shape));
    expect(tickets.parameters!.find((parameter) => parameter.name === "limit")).toMatchObject({
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
    });
    expect(document.paths["/api/tickets/{number}"]!.get!.parameters).toEqual([
      expect.objectContaining({ name: "number", in: "path", required: true, schema: expect.objectContaining({ type: "integer", minimum: 1 }) }),
    ]);
    const binding = document.paths["/api/groups"]!.post!.requestBody.content["application/json"].schema;
    expect(Object.keys(binding.properties)).toEqual(Object.keys(groupBinding.shape));
    expect(binding.required).toEqual(["platform", "chatId", "unitId", "kind", "name"]);
    expect(document.paths["/api/stats"]!.get!.parameters!.find((parameter) => parameter.name === "unit")).toMatchObject({ required: true });
  });

  it("is served at /api/openapi.json and as a page at /api/docs without a token", async () => {
    const json = await t.request("GET", "/api/openapi.json");
    expect(json.status).toBe(200);
    expect(json.body).toEqual(openApiDocument());

    const response = await fetch(`${t.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    for (const operation of API_OPERATIONS) expect(page).toContain(`<code>${operation.path}</code>`);
    expect(page).toContain("reminderOffsetsMinutes");
    expect(page).not.toMatch(/<script|https?:\/\/(?!json-schema)/);

    expect((await t.request("GET", "/api/tickets")).status).toBe(401);
    expect((await t.request("GET", "/api/tickets", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
  });
});

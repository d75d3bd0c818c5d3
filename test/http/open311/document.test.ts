import { compileErrors, validate } from "@readme/openapi-parser";
import type Router from "@koa/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { open311Document } from "../../../src/http/open311/document.ts";
import { openApiPath } from "../../../src/http/openapi.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t.close();
});

describe("the Open311 OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document, served at /open311/v2/openapi.json", async () => {
    const document = open311Document();
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect((await t.request("GET", "/open311/v2/openapi.json")).body).toEqual(document);
  });

  it("documents every GeoReport v2 route the app registers, and no other", () => {
    const registered = new Set<string>();
    for (const middleware of t.bot.app.middleware) {
      for (const layer of (middleware as { router?: Router }).router?.stack ?? []) {
        const path = openApiPath(String(layer.path));
        if (!path.startsWith("/open311/v2/") || path.includes("/tokens/") || path.endsWith("openapi.json")) continue;
        for (const method of layer.methods) if (method !== "HEAD") registered.add(`${method} ${path}`);
      }
    }
    const documented = Object.entries(open311Document().paths as Record<string, object>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(new Set(documented)).toEqual(registered);
    expect(registered.size).toBe(8);
  });

  it("names every field of a request the API answers, and the spec's error shape", () => {
    const schemas = (open311Document().components as { schemas: Record<string, { properties: object }> }).schemas;
    expect(Object.keys(schemas.Request!.properties)).toEqual([
      "service_request_id",
      "status",
      "status_notes",
      "service_name",
      "service_code",
      "description",
      "agency_responsible",
      "service_notice",
      "requested_datetime",
      "updated_datetime",
      "expected_datetime",
      "address",
      "address_id",
      "zipcode",
      "media_url",
    ]);
    expect(Object.keys(schemas.Error!.properties)).toEqual(["code", "description"]);
  });
});

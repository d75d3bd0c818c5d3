import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_OPERATIONS } from "../../src/http/apiSchemas.ts";
import { openApiDocument } from "../../src/http/openapi.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
  await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
});
afterAll(async () => {
  await t.close();
});

describe("the admin API's parameters", () => {
  it("refuses /api/tickets?outcome=transferred with a 400 naming the parameter, instead of answering every ticket", async () => {
    const answer = await t.request("GET", "/api/tickets?outcome=transferred", { headers: auth });
    expect(answer).toEqual({ status: 400, body: { error: { code: "invalid_query", message: "unknown query parameter: outcome" } } });
    const two = await t.request("GET", "/api/tickets?status=closed&outcome=x&sort=new", { headers: auth });
    expect(two.body.error.message).toBe("unknown query parameters: outcome, sort");
  });

  it("refuses an unknown parameter on every operation that reads a query", async () => {
    const withQuery = API_OPERATIONS.filter((operation) => operation.query);
    expect(withQuery.map((operation) => operation.path)).toEqual(["/api/tickets", "/api/stats", "/api/meetings", "/api/outbox"]);
    for (const operation of withQuery) {
      const known = "unit" in operation.query!.shape ? "unit=sq-xingfu&" : "";
      const answer = await t.request("GET", `${operation.path}?${known}bogus=1`, { headers: auth });
      expect(answer, operation.path).toMatchObject({ status: 400, body: { error: { message: "unknown query parameter: bogus" } } });
    }
  });

  it("refuses an unknown body field by name and changes nothing", async () => {
    const answer = await t.request("PUT", "/api/groups/g-yangguang/members", {
      headers: auth,
      body: { platformUserId: "u-zhang", role: "moderator", unit: "sq-xingfu" },
    });
    expect(answer).toEqual({ status: 400, body: { error: { code: "invalid_body", message: "unknown field: unit" } } });
    const binding = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "sandbox", chatId: "x", unitId: "sq-xingfu", kind: "staff", name: "x", pushkey: "typo" },
    });
    expect(binding).toEqual({ status: 400, body: { error: { code: "invalid_body", message: "unknown field: pushkey" } } });
    expect(await tables(t.database.db).membership.findUnique({ where: { groupId_memberId: { groupId: "g-yangguang", memberId: "u-zhang" } } })).toMatchObject({
      role: "resident",
    });
  });

  it("still answers the parameters it knows", async () => {
    const answer = await t.request("GET", "/api/tickets?status=reported&unit=sq-xingfu&limit=5&offset=0", { headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(1);
  });

  it("says so in the OpenAPI document: request bodies allow no other properties", () => {
    const document = openApiDocument() as { paths: Record<string, Record<string, { requestBody?: any }>> };
    const bodies = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).flatMap((operation) => (operation.requestBody ? [operation.requestBody] : [])),
    );
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const body of bodies) expect(body.content["application/json"].schema.additionalProperties).toBe(false);
  });
});

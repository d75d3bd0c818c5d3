import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/open311/${name}`, import.meta.url), "utf8");
// Every value as text, as an XML client reads it; <request> always a list.
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ["request", "service", "error"].includes(name) });

let t: TestBot;

interface Answer {
  status: number;
  body: any;
  headers: Headers;
  text: string;
}

async function call(method: string, path: string, options: { key?: string; form?: Record<string, string>; json?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = options.key ? { "x-api-key": options.key } : {};
  let body: string | undefined;
  if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  } else if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  const response = await fetch(t.baseUrl + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  const parsed: unknown = response.headers.get("content-type")?.includes("xml") ? xml.parse(text) : JSON.parse(text);
  return { status: response.status, body: parsed, headers: response.headers, text };
}

async function newKey(unit: string, perMinute = 60): Promise<{ apiKey: string; id: number }> {
  const answer = await t.request("POST", "/api/open311/keys", { headers: admin, body: { name: "兰陵县12345平台", unit, perMinute } });
  expect(answer.status).toBe(201);
  return { apiKey: answer.body.apiKey, id: answer.body.key.id };
}

/** Two tickets of 阳光花园: #1 reported with a phone number at 10:00 and resolved at 14:00; #2 open, red. */
async function twoTickets(): Promise<void> {
  await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元301楼道灯不亮了，我是张阿姨，电话13812345678");
  t.clock.advance(3_600_000);
  await t.say("g-yangguang", "u-li", "受理 1");
  t.clock.advance(3 * 3_600_000);
  await t.say("g-yangguang", "u-sun", "办结 1 已更换灯泡，有事找13900001111");
  t.clock.advance(3_600_000);
  await t.say("g-yangguang", "u-chen", "@议事助手 5号楼地下室着火了，冒浓烟");
}

beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" }); // Monday 10:00 in Shanghai
});
afterEach(async () => {
  await t.close();
});

describe("GET services", () => {
  it("lists our categories with Chinese names and descriptions, in JSON and in XML, without a key", async () => {
    const json = await call("GET", "/open311/v2/services.json");
    expect(json.status).toBe(200);
    expect(json.body).toHaveLength(12);
    expect(json.body[0]).toEqual(JSON.parse(fixture("service-repair.json")));
    expect(json.body.map((service: { service_code: string }) => service.service_code)).toEqual([
      "repair",
      "sanitation",
      "parking",
      "charging",
      "safety",
      "noise",
      "neighbor",
      "property",
      "business",
      "consult",
      "legal",
      "other",
    ]);
    const asXml = await call("GET", "/open311/v2/services.xml");
    expect(asXml.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(asXml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>repair</service_code>')).toBe(true);
    expect(asXml.body.services.service[0]).toEqual({ ...JSON.parse(fixture("service-repair.json")), metadata: "false" });
  });
});

describe("GET requests", () => {
  it("answers the recorded shapes field by field, in JSON and XML, with no name and no whole phone number", async () => {
    const { apiKey } = await newKey("jd-chengguan");
    await twoTickets();
    const json = await call("GET", "/open311/v2/requests.json", { key: apiKey });
    expect(json.status).toBe(200);
    const expected = JSON.parse(fixture("requests.json"));
    expect(json.body).toHaveLength(expected.length);
    json.body.forEach((request: Record<string, string>, i: number) => {
      for (const field of Object.keys(expected[i])) expect(request[field], `${i}.${field}`).toEqual(expected[i][field]);
      expect(Object.keys(request).sort()).toEqual(Object.keys(expected[i]).sort());
    });
    const asXml = await call("GET", "/open311/v2/requests.xml", { key: apiKey });
    expect(asXml.body).toEqual(xml.parse(fixture("requests.xml")));
    for (const text of [json.text, asXml.text]) {
      expect(text).not.toMatch(/13812345678|13900001111|张阿姨|李书记|孙物业|陈先生|301/);
    }
    // One request by its id, the same fields.
    const one = await call("GET", "/open311/v2/requests/1.json", { key: apiKey });
    expect(one.body).toEqual([json.body[1]]);
  });

  it("filters by ids, service code, status and dates with time zones, newest first", async () => {
    const { apiKey } = await newKey("jd-chengguan");
    await twoTickets(); // #1 at 02:00Z, #2 at 07:00Z
    const ids = async (query: string) =>
      ((await call("GET", `/open311/v2/requests.json?${query}`, { key: apiKey })).body as { service_request_id: string }[]).map((r) => r.service_request_id);
    expect(await ids("")).toEqual(["2", "1"]);
    expect(await ids("service_request_id=1,2,99")).toEqual(["2", "1"]);
    expect(await ids("service_code=repair")).toEqual(["1"]);
    expect(await ids("service_code=safety,noise")).toEqual(["2"]);
    expect(await ids("status=open")).toEqual(["2"]);
    expect(await ids("status=closed")).toEqual(["1"]);
    // 14:00 in Shanghai is 06:00Z: only #2 is after it; the same instant written in UTC and in New York.
    expect(await ids(`start_date=${encodeURIComponent("2026-11-23T14:00:00+08:00")}`)).toEqual(["2"]);
    expect(await ids("start_date=2026-11-23T06:00:00Z")).toEqual(["2"]);
    expect(await ids(`start_date=${encodeURIComponent("2026-11-23T01:00:00-05:00")}`)).toEqual(["2"]);
    expect(await ids(`end_date=${encodeURIComponent("2026-11-23T01:00:00-05:00")}`)).toEqual(["1"]);
    // Without an offset: the deployment's time zone (Asia/Shanghai); a date alone is its day's start.
    expect(await ids("start_date=2026-11-23T14:00:00")).toEqual(["2"]);
    expect(await ids("start_date=2026-11-24")).toEqual([]);
    expect(await ids("end_date=2026-11-23")).toEqual([]);
  });

  it("pages, and says where the next page is in headers without the key", async () => {
    const { apiKey } = await newKey("jd-chengguan");
    await twoTickets();
    const first = await call("GET", `/open311/v2/requests.json?page_size=1&api_key=${apiKey}`);
    expect(first.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(["2"]);
    expect(first.headers.get("x-total-count")).toBe("2");
    expect(first.headers.get("link")).toBe('</open311/v2/requests.json?page=2&page_size=1>; rel="next"');
    const second = await call("GET", "/open311/v2/requests.json?page=2&page_size=1", { key: apiKey });
    expect(second.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(["1"]);
    expect(second.headers.get("link")).toBe('</open311/v2/requests.json?page=1&page_size=1>; rel="prev"');
    expect((await call("GET", "/open311/v2/requests.json?page_size=201", { key: apiKey })).status).toBe(400);
  });

  it("refuses bad parameters with a 400 in the spec's shape, in Chinese", async () => {
    const { apiKey } = await newKey("jd-chengguan");
    const refused = async (query: string) => {
      const answer = await call("GET", `/open311/v2/requests.json?${query}`, { key: apiKey });
      expect(answer.status, query).toBe(400);
      expect(answer.body).toEqual([{ code: 400, description: expect.any(String) }]);
      return answer.body[0].description as string;
    };
    expect(await refused("status=pending")).toBe("参数 status 不正确：只能是 open 或 closed");
    expect(await refused("start_date=yesterday")).toContain("W3C");
    expect(await refused("start_date=2026-02-30")).toContain("W3C");
    expect(await refused("service_code=roads")).toContain("roads");
    expect(await refused("service_request_id=1,x")).toContain("service_request_id");
    expect(await refused("sort=new")).toBe("不认识的参数：sort");
    expect(await refused("start_date=2026-11-24&end_date=2026-11-23")).toBe("end_date 应晚于 start_date");
    const asXml = await call("GET", "/open311/v2/requests.xml?status=x", { key: apiKey });
    expect(asXml.body).toEqual({ "?xml": expect.anything(), errors: { error: [{ code: "400", description: "参数 status 不正确：只能是 open 或 closed" }] } });
  });
});

describe("API keys", () => {
  it("are refused when missing, wrong or revoked (403), and a key sees only its own subtree (404 elsewhere)", async () => {
    const { apiKey, id } = await newKey("jd-chengguan");
    const lijing = await newKey("xq-lijing");
    await twoTickets();
    const missing = await call("GET", "/open311/v2/requests.json");
    expect(missing).toMatchObject({ status: 403, body: [{ code: 403, description: expect.stringContaining("缺少 api_key") }] });
    const wrong = await call("GET", "/open311/v2/requests.json", { key: `${apiKey.slice(0, -1)}${apiKey.endsWith("A") ? "B" : "A"}` });
    expect(wrong).toMatchObject({ status: 403, body: [{ code: 403, description: "api_key 无效或已停用" }] });
    expect((await call("GET", "/open311/v2/requests.json", { key: "not-a-key" })).status).toBe(403);

    // 丽景苑's key: 阳光花园's tickets do not exist for it.
    expect((await call("GET", "/open311/v2/requests.json", { key: lijing.apiKey })).body).toEqual([]);
    const elsewhere = await call("GET", "/open311/v2/requests/1.json", { key: lijing.apiKey });
    const nowhere = await call("GET", "/open311/v2/requests/999.json", { key: lijing.apiKey });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body[0].description).toBe(nowhere.body[0].description.replace("999", "1"));

    const revoked = await t.request("POST", `/api/open311/keys/${id}/revoke`, { headers: admin });
    expect(revoked).toMatchObject({ status: 200, body: { key: { id, revokedAt: "2026-11-23T07:00:00.000Z" } } });
    expect((await call("GET", "/open311/v2/requests.json", { key: apiKey })).status).toBe(403);
    const listed = await t.request("GET", "/api/open311/keys", { headers: admin });
    expect(listed.body.keys).toHaveLength(2);
    expect(JSON.stringify(listed.body)).not.toContain(apiKey.split("_").at(-1));
  });

  it("are stored as their SHA-256 only, and made and revoked behind the admin token", async () => {
    const { apiKey, id } = await newKey("jd-chengguan");
    const row = await t.database.db.query.selectFrom("Open311Key").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const { createHash } = await import("node:crypto");
    expect(row.keyHash).toBe(createHash("sha256").update(apiKey).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(apiKey);
    expect((await t.request("POST", "/api/open311/keys", { body: { name: "x", unit: "jd-chengguan" } })).status).toBe(401);
    expect((await t.request("POST", `/api/open311/keys/${id}/revoke`)).status).toBe(401);
    expect((await t.request("POST", "/api/open311/keys", { headers: admin, body: { name: "x", unit: "nowhere" } })).status).toBe(404);
    expect((await t.request("POST", "/api/open311/keys", { headers: admin, body: { name: "", unit: "jd-chengguan" } })).status).toBe(400);
    expect((await t.request("POST", "/api/open311/keys/99/revoke", { headers: admin })).status).toBe(404);
  });

  it("are rate-limited per key across instances sharing the database: 429 in the spec's shape, with Retry-After", async () => {
    const { apiKey } = await newKey("jd-chengguan", 3);
    const other = await newKey("jd-chengguan", 3);
    const second = await startTestBot({ now: "2026-11-23T02:00:30Z", sharing: t.database });
    try {
      t.clock.set("2026-11-23T02:00:30Z");
      const via = async (bot: TestBot) => (await fetch(`${bot.baseUrl}/open311/v2/requests.json`, { headers: { "x-api-key": apiKey } })).status;
      expect([await via(t), await via(second), await via(t)]).toEqual([200, 200, 200]);
      const over = await fetch(`${second.baseUrl}/open311/v2/requests.xml`, { headers: { "x-api-key": apiKey } });
      expect(over.status).toBe(429);
      expect(over.headers.get("retry-after")).toBe("30");
      expect(xml.parse(await over.text()).errors.error).toEqual([{ code: "429", description: "请求过于频繁：每个接入密钥每分钟最多 3 次，请 30 秒后再试" }]);
      // Another key is not held back; the next minute starts afresh.
      expect((await call("GET", "/open311/v2/requests.json", { key: other.apiKey })).status).toBe(200);
      t.clock.set("2026-11-23T02:01:00Z");
      expect(await via(t)).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe("POST requests", () => {
  it("files a report as a 代报 by the client and answers the ticket number and the chat's notice", async () => {
    const { apiKey } = await newKey("jd-chengguan");
    const answer = await call("POST", "/open311/v2/requests.json", {
      form: {
        api_key: apiKey,
        service_code: "repair",
        description: "3号楼2单元楼道灯坏了一个星期",
        address_string: "阳光花园3号楼",
        first_name: "阿姨",
        last_name: "张",
        phone: "13812345678",
        email: "zhang@example.com",
        lat: "34.85",
        long: "118.05",
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual([{ service_request_id: "1", service_notice: expect.stringContaining("已代报为工单 #1"), account_id: "" }]);
    expect(answer.text).not.toMatch(/13812345678|张阿姨/);
    const ticket = await t.ticket(1);
    expect(ticket).toMatchObject({ category: "repair", colour: "yellow", location: { building: "3", unit: "2" } });
    expect(await t.database.db.query.selectFrom("Ticket").select("reporterUnknown").executeTakeFirstOrThrow()).toEqual({ reporterUnknown: true });
    expect(ticket.history[0].note).toBe("由 兰陵县12345平台（Open311 接入） 代报");
    const kept = await t.database.db.query.selectFrom("Open311Report").selectAll().executeTakeFirstOrThrow();
    expect(kept).toMatchObject({
      ticketNumber: 1,
      lat: 34.85,
      long: 118.05,
      contactName: "张阿姨",
      contactPhone: "13812345678",
      contactEmail: "zhang@example.com",
    });
    // The same in XML, JSON accepted as a body: the same matter joins #1 instead of a second ticket.
    const again = await call("POST", "/open311/v2/requests.xml", {
      key: apiKey,
      json: { service_code: "repair", description: "3号楼2单元的楼道灯坏了", address_string: "阳光花园3号楼", estate: "阳光花园" },
    });
    expect(again.status).toBe(201);
    expect(again.body.service_requests.request[0].service_request_id).toBe("1");
    expect(again.body.service_requests.request[0].service_notice).toContain("这件事已有工单 #1");
  });

  it("refuses what it cannot file with a 400 in Chinese, and files nothing", async () => {
    const { apiKey } = await newKey("jd-chengguan");
    const lijing = await newKey("xq-lijing");
    const refused = async (form: Record<string, string>, key = apiKey) => {
      const answer = await call("POST", "/open311/v2/requests.json", { form: { api_key: key, ...form } });
      expect(answer.status, JSON.stringify(form)).toBe(400);
      return answer.body[0].description as string;
    };
    const good = { service_code: "repair", description: "楼道灯坏了", address_string: "阳光花园3号楼" };
    expect(await refused({ ...good, service_code: "" })).toBe("缺少必填参数 service_code");
    expect(await refused({ ...good, service_code: "roads" })).toContain("roads");
    expect(await refused({ ...good, description: " " })).toBe("缺少必填参数 description");
    expect(await refused({ ...good, address_string: "城关镇某处" })).toContain("无法确定是哪个小区");
    expect(await refused({ ...good, lat: "91", long: "118" })).toContain("lat");
    expect(await refused({ ...good, lat: "34.8" })).toContain("long");
    expect(await refused({ ...good, email: "no" })).toContain("email");
    expect(await refused({ ...good, phone: "abc" })).toContain("phone");
    expect(await refused({ ...good, media_url: "javascript:alert(1)" })).toContain("media_url");
    expect(await refused({ ...good, nickname: "x" })).toBe("不认识的参数：nickname");
    // 丽景苑's key cannot file in 阳光花园.
    expect(await refused({ ...good, estate: "阳光花园" }, lijing.apiKey)).toBe("本密钥的管辖范围内没有小区「阳光花园」");
    const notJson = await fetch(`${t.baseUrl}/open311/v2/requests.json?api_key=${apiKey}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect(await t.database.db.query.selectFrom("Ticket").selectAll().execute()).toEqual([]);
    expect(await t.database.db.query.selectFrom("BotPost").selectAll().execute()).toEqual([]);
  });

  it("answers tokens/{token} with a 404: intake is immediate, no token is ever given", async () => {
    const answer = await call("GET", "/open311/v2/tokens/abc.json");
    expect(answer).toMatchObject({ status: 404, body: [{ code: 404 }] });
    expect((await call("GET", "/open311/v2/nothing.xml")).body.errors.error[0].code).toBe("404");
  });
});

import { describe, expect, it } from "vitest";
import { postJson } from "../../src/platforms/http.ts";
import { interceptOutboundHttp, nock } from "../helpers/nock.ts";

const API = "https://platform.test";
interceptOutboundHttp();

describe("the platforms' one JSON POST", () => {
  it("reads each failure as its kind, never as words to parse later", async () => {
    nock(API).post("/down").reply(503, "busy");
    nock(API).post("/slow").reply(429, "", { "retry-after": "120" });
    nock(API).post("/no").reply(400, { code: "bad" });
    nock(API).post("/garbled").reply(200, "<html>");
    nock(API).post("/gone").replyWithError("socket hang up");
    nock(API).post("/yes").reply(200, { errcode: 0 });
    expect(await postJson(`${API}/down`, {})).toEqual({ ok: false, status: 503, failure: { ok: false, kind: "outage", error: "http 503" } });
    expect(await postJson(`${API}/slow`, {})).toEqual({
      ok: false,
      status: 429,
      failure: { ok: false, kind: "rateLimited", error: "http 429", retryAfterMs: 120_000 },
    });
    expect(await postJson(`${API}/no`, {})).toEqual({ ok: false, status: 400, failure: { ok: false, kind: "permanent", error: "http 400" } });
    expect(await postJson(`${API}/garbled`, {})).toEqual({ ok: false, status: 200, failure: { ok: false, kind: "rejected", error: "answer is not JSON" } });
    expect(await postJson(`${API}/gone`, {})).toMatchObject({ ok: false, status: null, failure: { kind: "outage", error: "network: socket hang up" } });
    expect(await postJson(`${API}/yes`, {})).toEqual({ ok: true, status: 200, json: { errcode: 0 } });
  });
});

import { describe, expect, it } from "vitest";
import { sendDingtalkCard } from "../../../src/platforms/dingtalk/cards.ts";
import { DingtalkClient } from "../../../src/platforms/dingtalk/client.ts";
import { DingtalkFiles } from "../../../src/platforms/dingtalk/media.ts";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { FakeClock } from "../../helpers/testBot.ts";

const OPENAPI = "https://api.dingtalk.test";
const FILES = "https://files.dingtalk.test";
const card = { title: "请评价 #1", buttons: [{ label: "满意", value: "评价 1 满意" }], actionId: "t1-abc" };
const settings = { robotCode: "dingrobot000000", templateId: "tpl" };
interceptOutboundHttp();

function client() {
  return new DingtalkClient({
    openApiBase: OPENAPI,
    appKey: "dingappkey0001",
    appSecret: "secret",
    clock: new FakeClock(new Date("2026-11-23T02:00:00Z")).now,
  });
}

describe("the DingTalk OpenAPI client", () => {
  it("gets one access token for pictures and cards alike", async () => {
    const token = nock(OPENAPI)
      .post("/v1.0/oauth2/accessToken", { appKey: "dingappkey0001", appSecret: "secret" })
      .once()
      .reply(200, { accessToken: "token-1", expireIn: 7200 });
    const authorised = nock(OPENAPI, { reqheaders: { "x-acs-dingtalk-access-token": "token-1" } });
    authorised.post("/v1.0/card/instances/createAndDeliver").reply(200, { success: true });
    authorised.post("/v1.0/robot/messageFiles/download").reply(200, { downloadUrl: `${FILES}/1.png` });
    nock(FILES).get("/1.png").reply(200, Buffer.from("png"));
    const shared = client();
    expect(await sendDingtalkCard(shared, settings, "cid", card, "词")).toEqual({ ok: true });
    const bytes = await new DingtalkFiles(shared, "dingrobot000000").image("code-1", undefined).fetch({ signal: AbortSignal.timeout(5_000), maxBytes: 1024 });
    expect(Buffer.from(bytes).toString()).toBe("png");
    expect(token.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("forgets a token the API refuses (401): the send is a refusal worth another try, which gets a new token", async () => {
    nock(OPENAPI).post("/v1.0/oauth2/accessToken").reply(200, { accessToken: "old", expireIn: 7200 });
    nock(OPENAPI).post("/v1.0/card/instances/createAndDeliver").reply(401, { code: "InvalidAuthentication" });
    const shared = client();
    expect(await sendDingtalkCard(shared, settings, "cid", card, "词")).toEqual({ ok: false, kind: "rejected", error: "http 401" });
    nock(OPENAPI).post("/v1.0/oauth2/accessToken").reply(200, { accessToken: "new", expireIn: 7200 });
    nock(OPENAPI, { reqheaders: { "x-acs-dingtalk-access-token": "new" } })
      .post("/v1.0/card/instances/createAndDeliver")
      .reply(200, { success: true });
    expect(await sendDingtalkCard(shared, settings, "cid", card, "词")).toEqual({ ok: true });
  });

  it("reads a token it cannot get as the failure it is: no answer an outage, a refused app key permanent", async () => {
    nock(OPENAPI).post("/v1.0/oauth2/accessToken").reply(502, "bad gateway");
    expect(await sendDingtalkCard(client(), settings, "cid", card, "词")).toMatchObject({ ok: false, kind: "outage", error: "http 502" });
    nock(OPENAPI).post("/v1.0/oauth2/accessToken").reply(400, { code: "invalidClientId" });
    expect(await sendDingtalkCard(client(), settings, "cid", card, "词")).toMatchObject({ ok: false, kind: "permanent", error: "http 400" });
  });
});

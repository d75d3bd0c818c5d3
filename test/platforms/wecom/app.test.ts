import { decrypt, encrypt, getSignature } from "@wecom/crypto";
import { XMLParser } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

// WeCom's published sample app (PROTOCOLS.md, vector A).
const TOKEN = "QDG6eK";
const AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
const CORP_ID = "wx5823bf96d3bd56c7";
const SAMPLE_QUERY = "msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149";
const SAMPLE_XML =
  "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const parser = new XMLParser({ processEntities: false, parseTagValue: false });

let t: TestBot;
beforeEach(async () => {
  // The instant the callbacks below are signed for: callbacks far from now are refused.
  t = await startTestBot({ now: "2026-11-23T17:10:00Z", env: { WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES_KEY, WECOM_CORP_ID: CORP_ID } });
});
afterEach(async () => {
  await t.close();
});

async function post(query: string, xml: string) {
  const response = await fetch(`${t.baseUrl}/wecom/app?${query}`, { method: "POST", headers: { "content-type": "text/xml" }, body: xml });
  return { status: response.status, text: await response.text() };
}

/** Checks the passive reply's signature and receive id, and returns its text content. */
function openReply(xml: string): { to: string; content: string } {
  const envelope = parser.parse(xml).xml;
  expect(getSignature(TOKEN, envelope.TimeStamp, envelope.Nonce, envelope.Encrypt)).toBe(envelope.MsgSignature);
  const opened = decrypt(AES_KEY, envelope.Encrypt);
  expect(opened.id).toBe(CORP_ID);
  const inner = parser.parse(opened.message).xml;
  expect(inner.MsgType).toBe("text");
  return { to: inner.ToUserName, content: inner.Content };
}

/** The published sample was signed on 2014-09-02: the clock goes back there to replay it. */
const SAMPLE_TIME = new Date(1409659813 * 1000);

function privateMessage(from: string, content: string, msgId: string, contentXml = `<![CDATA[${content}]]>`) {
  const plaintext = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1795453800</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${contentXml}</Content><MsgId>${msgId}</MsgId><AgentID>218</AgentID></xml>`;
  const ciphertext = encrypt(AES_KEY, plaintext, CORP_ID);
  const signature = getSignature(TOKEN, "1795453800", "99", ciphertext);
  return {
    query: `msg_signature=${signature}&timestamp=1795453800&nonce=99`,
    xml: `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${ciphertext}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`,
  };
}

describe("the WeCom self-built app callback", () => {
  it("passes URL verification with the published sample", async () => {
    const response = await fetch(
      `${t.baseUrl}/wecom/app?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=${encodeURIComponent("P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")}`,
    );
    expect(await response.text()).toBe("1616140317555161061");
  });

  it("answers the published sample message from an unknown sender with an encrypted hint, storing nothing", async () => {
    t.clock.set(SAMPLE_TIME);
    const response = await post(SAMPLE_QUERY, SAMPLE_XML);
    expect(response.status).toBe(200);
    const reply = openReply(response.text);
    expect(reply.to).toBe("mycreate");
    expect(reply.content).toContain("我还不知道您住在哪个小区");
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
  });

  it("files a private report under the sender's own estate and keeps it out of the group's timeline", async () => {
    const bound = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "wecom", chatId: "wrkYangguang", unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
    });
    await t.request("PUT", `/api/groups/${bound.body.group.id}/members`, {
      headers: auth,
      body: { platformUserId: "mycreate", name: "吴先生", role: "resident" },
    });
    const message = privateMessage("mycreate", "3号楼2单元水管漏水了，电话13900001111", "7000000001");
    const reply = openReply((await post(message.query, message.xml)).text);
    expect(reply.content).toContain("已登记工单 #1");
    const ticket = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(ticket).toMatchObject({ unitId: "xq-yangguang", groupId: bound.body.group.id, category: "repair" });
    const db = t.database.db;
    expect(await tables(db).inboundMessage.findFirst()).toMatchObject({ private: true });
    expect(await tables(db).botPost.findFirst()).toMatchObject({ kind: "private_reply", channel: "passive" });
  });

  it("rejects the sample with a tampered signature", async () => {
    t.clock.set(SAMPLE_TIME);
    const response = await post(SAMPLE_QUERY.replace("477715", "577715"), SAMPLE_XML);
    expect(response.status).toBe(401);
  });

  it("rejects a body that is not XML", async () => {
    expect((await post(SAMPLE_QUERY, "{}")).status).toBe(400);
  });

  it("refuses a correctly signed callback three days old, and one more than ten minutes off", async () => {
    // The published sample is signed correctly, but in 2014.
    expect((await post(SAMPLE_QUERY, SAMPLE_XML)).status).toBe(401);
    const message = privateMessage("mycreate", "3号楼水管漏水了", "7000000002");
    t.clock.set(new Date(1795453800 * 1000 + 3 * 86_400_000));
    expect((await post(message.query, message.xml)).status).toBe(401);
    t.clock.set(new Date(1795453800 * 1000 + 11 * 60_000));
    expect((await post(message.query, message.xml)).status).toBe(401);
    t.clock.set(new Date(1795453800 * 1000 + 9 * 60_000));
    expect((await post(message.query, message.xml)).status).toBe(200);
  });

  it("decodes entities in the inner XML's text and refuses an element where text is expected", async () => {
    const bound = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "wecom", chatId: "wrkYangguang", unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
    });
    await t.request("PUT", `/api/groups/${bound.body.group.id}/members`, {
      headers: auth,
      body: { platformUserId: "mycreate", name: "吴先生", role: "resident" },
    });
    const escaped = privateMessage("mycreate", "", "7000000003", "3号楼水管&amp;暖气都漏水了 &lt;急&gt;");
    expect(openReply((await post(escaped.query, escaped.xml)).text).content).toContain("已登记工单 #1");
    expect((await tables(t.database.db).ticket.findFirstOrThrow()).text).toBe("3号楼水管&暖气都漏水了 <急>");
    const nested = privateMessage("mycreate", "", "7000000004", "<b>3号楼</b>漏水");
    expect((await post(nested.query, nested.xml)).status).toBe(400);
    expect(await tables(t.database.db).ticket.count()).toBe(1);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration", () => {
  it("has working defaults for a fresh machine", () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      TZ: "Asia/Shanghai",
      DATABASE_URL: "file:./data/yishi.db",
      BOT_NAME: "议事助手",
      BODY_LIMIT: 65536,
      DEMO_SEED: true,
      SANDBOX_ENABLED: true,
    });
  });

  it("takes a PostgreSQL DATABASE_URL as well as a SQLite file", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://yishi@db:5432/yishi" }).DATABASE_URL).toBe("postgresql://yishi@db:5432/yishi");
    expect(loadConfig({ DATABASE_URL: "postgres://yishi@db/yishi" }).DATABASE_URL).toBe("postgres://yishi@db/yishi");
  });

  it("treats empty values as unset, so .env.example can be copied as it is", () => {
    expect(loadConfig({ PORT: "", ADMIN_TOKEN: "" }).PORT).toBe(3000);
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ TZ: "Mars/Olympus" }, "TZ"],
    [{ ADMIN_TOKEN: "short" }, "ADMIN_TOKEN"],
    [{ BODY_LIMIT: "lots" }, "BODY_LIMIT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DATABASE_URL: "./data/yishi.db" }, "DATABASE_URL"],
    [{ DEMO_SEED: "maybe" }, "DEMO_SEED"],
  ])("stops with one line naming the variable for %o", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^配置错误：${name} 无效（`));
  });

  it("takes a PostgreSQL DATABASE_URL besides a SQLite file, with photos then kept in the database unless ATTACHMENT_DIR names a folder", () => {
    for (const url of ["postgresql://bot:secret@db.example:5432/yishi", "postgres://bot@127.0.0.1/yishi?sslmode=require"]) {
      const config = loadConfig({ DATABASE_URL: url });
      expect(config.DATABASE_URL).toBe(url);
      expect(config.ATTACHMENT_DIR).toBeUndefined();
    }
    expect(loadConfig({ DATABASE_URL: "postgresql://bot@db/yishi", ATTACHMENT_DIR: "/shared/photos" }).ATTACHMENT_DIR).toBe("/shared/photos");
    expect(loadConfig({}).ATTACHMENT_DIR).toBeUndefined();
  });

  it("names the variable but never echoes its value, so a rejected secret does not end up in a log", () => {
    const secret = "s3cr3t-value-that-must-not-leak";
    expect(() => loadConfig({ WECOM_BOT_ENCODING_AES_KEY: secret })).toThrow("配置错误：WECOM_BOT_ENCODING_AES_KEY 无效（应为 43 位 EncodingAESKey）");
    expect(() => loadConfig({ ATTACHMENT_LINK_SECRET: "short-secret" })).toThrow("配置错误：ATTACHMENT_LINK_SECRET 无效（至少 16 个字符）");
    // Every documented variable, given a value it refuses: the message names it and shows none of the value.
    const names = [...readFileSync(new URL("../.env.example", import.meta.url), "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
    let refused = 0;
    for (const name of names) {
      for (const value of [`${secret} `, `${secret}/`]) {
        let message = "";
        try {
          loadConfig({ [name]: value });
        } catch (error) {
          message = (error as Error).message;
        }
        if (!message) continue;
        refused += 1;
        expect(message, name).toContain(name);
        expect(message, name).not.toContain("s3cr3t");
      }
    }
    expect(refused).toBeGreaterThan(30);
  });

  it("turns the sandbox off by default once a real platform is configured", () => {
    expect(loadConfig({ DINGTALK_APP_SECRET: "secret" }).SANDBOX_ENABLED).toBe(false);
    expect(loadConfig({ WECOM_BOT_TOKEN: "t", WECOM_BOT_ENCODING_AES_KEY: "a".repeat(43) }).SANDBOX_ENABLED).toBe(false);
    expect(loadConfig({ DINGTALK_APP_SECRET: "secret", SANDBOX_ENABLED: "true" }).SANDBOX_ENABLED).toBe(true);
  });

  it("chooses the long-connection transports only with their credentials", () => {
    expect(() => loadConfig({ WECOM_BOT_TRANSPORT: "websocket", WECOM_BOT_ID: "aib1" })).toThrow(/WECOM_BOT_ID 与 WECOM_BOT_SECRET/);
    expect(() => loadConfig({ DINGTALK_TRANSPORT: "stream", DINGTALK_APP_SECRET: "s" })).toThrow(/DINGTALK_APP_KEY 与 DINGTALK_APP_SECRET/);
    expect(() => loadConfig({ WECOM_BOT_TRANSPORT: "socket" })).toThrow(/^配置错误：WECOM_BOT_TRANSPORT 无效（/);
    expect(() => loadConfig({ DINGTALK_TRANSPORT: "websocket" })).toThrow(/^配置错误：DINGTALK_TRANSPORT 无效（/);
    const wecom = loadConfig({ WECOM_BOT_TRANSPORT: "websocket", WECOM_BOT_ID: "aib1", WECOM_BOT_SECRET: "s" });
    expect(wecom).toMatchObject({ WECOM_BOT_WS_URL: "wss://openws.work.weixin.qq.com", SANDBOX_ENABLED: false });
    expect(loadConfig({}).WECOM_BOT_TRANSPORT).toBe("callback");
    expect(loadConfig({}).DINGTALK_TRANSPORT).toBe("callback");
  });

  it("takes the console's platform sign-ins only with all they need", () => {
    const wecom = { WECOM_CORP_ID: "ww1", WECOM_AGENT_ID: "1000002", WECOM_APP_SECRET: "s" };
    expect(loadConfig(wecom)).toMatchObject({ ...wecom, WECOM_OAUTH_BASE: "https://open.weixin.qq.com", SANDBOX_ENABLED: true });
    expect(() => loadConfig({ WECOM_CORP_ID: "ww1", WECOM_AGENT_ID: "1000002" })).toThrow(/WECOM_CORP_ID、WECOM_AGENT_ID 与 WECOM_APP_SECRET/);
    expect(() => loadConfig({ WECOM_APP_SECRET: "s" })).toThrow(/WECOM_CORP_ID、WECOM_AGENT_ID 与 WECOM_APP_SECRET/);
    expect(() => loadConfig({ ...wecom, WECOM_AGENT_ID: "app" })).toThrow(/WECOM_AGENT_ID 无效/);
    // The app's message callback still needs its three.
    expect(() => loadConfig({ WECOM_TOKEN: "t", WECOM_ENCODING_AES_KEY: "a".repeat(43) })).toThrow(/WECOM_TOKEN、WECOM_ENCODING_AES_KEY 与 WECOM_CORP_ID/);
    expect(() => loadConfig({ DINGTALK_CORP_ID: "ding1", DINGTALK_APP_SECRET: "s" })).toThrow(/DINGTALK_CORP_ID（钉钉内免登工作台）需要同时设置/);
    expect(loadConfig({ DINGTALK_CORP_ID: "ding1", DINGTALK_APP_KEY: "k", DINGTALK_APP_SECRET: "s" }).DINGTALK_CORP_ID).toBe("ding1");
  });

  it("reads sizes with units", () => {
    expect(loadConfig({ BODY_LIMIT: "128kb" }).BODY_LIMIT).toBe(131072);
  });

  it("keeps photos up to 10 MB for 3.5 s and links them for 7 days unless told otherwise", () => {
    expect(loadConfig({})).toMatchObject({ ATTACHMENT_MAX_BYTES: 10 * 1024 * 1024, ATTACHMENT_DOWNLOAD_TIMEOUT_MS: 3500, ATTACHMENT_LINK_DAYS: 7 });
    expect(loadConfig({ ATTACHMENT_MAX_BYTES: "2mb" }).ATTACHMENT_MAX_BYTES).toBe(2 * 1024 * 1024);
    expect(() => loadConfig({ ATTACHMENT_LINK_SECRET: "short" })).toThrow(/^配置错误：ATTACHMENT_LINK_SECRET 无效（/);
    expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: "big" })).toThrow(/^配置错误：ATTACHMENT_MAX_BYTES 无效（/);
  });

  it("documents every variable in .env.example", () => {
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    for (const name of [
      "DINGTALK_APP_KEY",
      "DINGTALK_OPENAPI_BASE",
      "ATTACHMENT_DIR",
      "ATTACHMENT_MAX_BYTES",
      "ATTACHMENT_DOWNLOAD_TIMEOUT_MS",
      "ATTACHMENT_LINK_SECRET",
      "ATTACHMENT_LINK_DAYS",
    ]) {
      expect(example, name).toMatch(new RegExp(`^${name}=`, "m"));
    }
  });
});

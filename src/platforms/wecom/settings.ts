import { z } from "zod";
import { httpBase } from "../../configFields.ts";
import { defineSettings } from "../settings.ts";

const aesKey = z.string().regex(/^[A-Za-z0-9+/]{43}$/, "应为 43 位 EncodingAESKey");

/** WeCom's variables (WECOM_*): the intelligent robot (callback or long connection), the self-built app, the webhook host. */
const schema = z.object({
  WECOM_BOT_TOKEN: z.string().min(1).optional(),
  WECOM_BOT_ENCODING_AES_KEY: aesKey.optional(),
  WECOM_TOKEN: z.string().min(1).optional(),
  WECOM_ENCODING_AES_KEY: aesKey.optional(),
  WECOM_CORP_ID: z.string().min(1).optional(),
  /** The self-built app's AgentId and Secret: with WECOM_CORP_ID, staff sign in to the console with WeCom (网页授权). */
  WECOM_AGENT_ID: z.string().regex(/^\d+$/, "应为应用的 AgentId（数字）").optional(),
  WECOM_APP_SECRET: z.string().min(1).optional(),
  /** WeCom's OAuth page (网页授权); changed only for a test's stand-in. */
  WECOM_OAUTH_BASE: httpBase.default("https://open.weixin.qq.com"),
  WECOM_API_BASE: httpBase.default("https://qyapi.weixin.qq.com"),
  /** How the intelligent robot's messages arrive: HTTP callbacks (needs a public address) or its long connection. */
  WECOM_BOT_TRANSPORT: z.enum(["callback", "websocket"], { error: "应为 callback 或 websocket" }).default("callback"),
  WECOM_BOT_ID: z.string().min(1).optional(),
  WECOM_BOT_SECRET: z.string().min(1).optional(),
  WECOM_BOT_WS_URL: z
    .string()
    .regex(/^wss?:\/\/[^\s]+$/, "应为 ws(s):// 地址")
    .default("wss://openws.work.weixin.qq.com"),
});

export type WecomSettings = z.output<typeof schema>;

/** Some of a group of variables set, not all of them. */
const partly = (values: readonly unknown[]) => values.some(Boolean) && !values.every(Boolean);

export const wecomSettings = defineSettings({
  schema,
  conflicts: [
    { when: (s) => partly([s.WECOM_BOT_TOKEN, s.WECOM_BOT_ENCODING_AES_KEY]), sentence: "WECOM_BOT_TOKEN 与 WECOM_BOT_ENCODING_AES_KEY 须同时设置" },
    {
      // The corp id alone may serve the console's sign-in (below) without the app's callback.
      when: (s) => partly([s.WECOM_TOKEN, s.WECOM_ENCODING_AES_KEY]) || (Boolean(s.WECOM_TOKEN) && !s.WECOM_CORP_ID),
      sentence: "WECOM_TOKEN、WECOM_ENCODING_AES_KEY 与 WECOM_CORP_ID 须同时设置",
    },
    {
      when: (s) => s.WECOM_BOT_TRANSPORT === "websocket" && !(s.WECOM_BOT_ID && s.WECOM_BOT_SECRET),
      sentence: "WECOM_BOT_TRANSPORT=websocket 需要同时设置 WECOM_BOT_ID 与 WECOM_BOT_SECRET（智能机器人 → API 模式 → 长连接）",
    },
    {
      when: (s) => partly([s.WECOM_AGENT_ID, s.WECOM_APP_SECRET, s.WECOM_CORP_ID]) && Boolean(s.WECOM_AGENT_ID || s.WECOM_APP_SECRET),
      sentence: "企业微信登录工作台需要同时设置 WECOM_CORP_ID、WECOM_AGENT_ID 与 WECOM_APP_SECRET（自建应用的 AgentId 与 Secret）",
    },
  ],
  switchesOnInbound: (s) => Boolean(s.WECOM_BOT_TOKEN || s.WECOM_TOKEN || s.WECOM_BOT_TRANSPORT === "websocket"),
});

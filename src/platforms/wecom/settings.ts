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
      when: (s) => partly([s.WECOM_TOKEN, s.WECOM_ENCODING_AES_KEY, s.WECOM_CORP_ID]),
      sentence: "WECOM_TOKEN、WECOM_ENCODING_AES_KEY 与 WECOM_CORP_ID 须同时设置",
    },
    {
      when: (s) => s.WECOM_BOT_TRANSPORT === "websocket" && !(s.WECOM_BOT_ID && s.WECOM_BOT_SECRET),
      sentence: "WECOM_BOT_TRANSPORT=websocket 需要同时设置 WECOM_BOT_ID 与 WECOM_BOT_SECRET（智能机器人 → API 模式 → 长连接）",
    },
  ],
  switchesOnInbound: (s) => Boolean(s.WECOM_BOT_TOKEN || s.WECOM_TOKEN || s.WECOM_BOT_TRANSPORT === "websocket"),
});

import { z } from "zod";
import { httpBase } from "../../configFields.ts";
import { defineSettings } from "../settings.ts";

/** DingTalk's variables (DINGTALK_*): the app (callback or Stream), its robot, cards and the two API hosts. */
const schema = z.object({
  /** How the DingTalk robot's messages arrive: HTTP callbacks (needs a public address) or Stream mode. */
  DINGTALK_TRANSPORT: z.enum(["callback", "stream"], { error: "应为 callback 或 stream" }).default("callback"),
  /** The app's AppKey (Client ID; Stream's clientId): with DINGTALK_APP_SECRET, the OpenAPI access token (pictures, cards). */
  DINGTALK_APP_KEY: z.string().min(1).optional(),
  DINGTALK_APP_SECRET: z.string().min(1).optional(),
  DINGTALK_ROBOT_CODE: z.string().min(1).optional(),
  /** The organisation's CorpId: with the app's key and secret, staff opening the console inside DingTalk are signed in (免登). */
  DINGTALK_CORP_ID: z.string().min(1).optional(),
  DINGTALK_API_BASE: httpBase.default("https://oapi.dingtalk.com"),
  /** An interactive card template (title, text, buttons) for one-tap rating and 受理; unset: text only. */
  DINGTALK_CARD_TEMPLATE_ID: z.string().min(1).optional(),
  /** The newer OpenAPI host: access tokens and robot file downloads. */
  DINGTALK_OPENAPI_BASE: httpBase.default("https://api.dingtalk.com"),
});

export type DingtalkSettings = z.output<typeof schema>;

export const dingtalkSettings = defineSettings({
  schema,
  conflicts: [
    {
      when: (s) => Boolean(s.DINGTALK_CARD_TEMPLATE_ID) && !(s.DINGTALK_APP_KEY && s.DINGTALK_APP_SECRET && s.DINGTALK_ROBOT_CODE),
      sentence: "DINGTALK_CARD_TEMPLATE_ID 需要同时设置 DINGTALK_APP_KEY、DINGTALK_APP_SECRET 与 DINGTALK_ROBOT_CODE",
    },
    {
      when: (s) => s.DINGTALK_TRANSPORT === "stream" && !(s.DINGTALK_APP_KEY && s.DINGTALK_APP_SECRET),
      sentence: "DINGTALK_TRANSPORT=stream 需要同时设置 DINGTALK_APP_KEY 与 DINGTALK_APP_SECRET（应用的 Client ID 与 Client Secret）",
    },
    {
      when: (s) => Boolean(s.DINGTALK_CORP_ID) && !(s.DINGTALK_APP_KEY && s.DINGTALK_APP_SECRET),
      sentence: "DINGTALK_CORP_ID（钉钉内免登工作台）需要同时设置 DINGTALK_APP_KEY 与 DINGTALK_APP_SECRET",
    },
  ],
  switchesOnInbound: (s) => Boolean(s.DINGTALK_APP_SECRET),
});

import { z } from "zod";
import { httpBase } from "../../../src/configFields.ts";
import { defineSettings } from "../../../src/platforms/settings.ts";

/** FakeChat's variables: where its API answers, and the secret its callbacks are signed with. */
const schema = z.object({
  FAKECHAT_API_BASE: httpBase.default("https://fakechat.test"),
  FAKECHAT_SECRET: z.string().min(8, "至少 8 个字符").optional(),
  FAKECHAT_BOT_ID: z.string().min(1).optional(),
});

export type FakechatSettings = z.output<typeof schema>;

export const fakechatSettings = defineSettings({
  schema,
  conflicts: [{ when: (s) => Boolean(s.FAKECHAT_BOT_ID) && !s.FAKECHAT_SECRET, sentence: "FAKECHAT_BOT_ID 需要同时设置 FAKECHAT_SECRET" }],
  switchesOnInbound: (s) => Boolean(s.FAKECHAT_SECRET),
});

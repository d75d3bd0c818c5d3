import type { OutgoingText, SendResult } from "../../../src/messaging/types.ts";
import { postJson } from "../../../src/platforms/http.ts";
import { permanent, rateLimited } from "../../../src/platforms/errors.ts";

/** FakeChat's one HTTP client: a message into a chat, its answer read into a typed result. */
export class FakechatClient {
  constructor(private readonly apiBase: string) {}

  async sendText(chatId: string, message: OutgoingText): Promise<SendResult> {
    const answer = await postJson(`${this.apiBase}/v1/messages`, { chat: chatId, text: message.text, mentions: message.mentionUserIds });
    if (!answer.ok) return answer.failure;
    switch (answer.json.result) {
      case "ok":
        return { ok: true };
      case "slow_down":
        return rateLimited("slow_down", 60_000);
      default:
        return permanent(`refused: ${String(answer.json.result)}`);
    }
  }
}

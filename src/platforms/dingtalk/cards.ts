import { z } from "zod";
import type { HandledAction, IncomingAction, PlannedCard, SendResult } from "../../messaging/types.ts";
import { CallbackRejected, permanent } from "../errors.ts";
import type { DingtalkClient } from "./client.ts";

/**
 * DingTalk interactive cards (互动卡片): buttons that call back, made from a template in DingTalk's card
 * platform. The template reads `title`, `text` and `buttons` (a JSON array of {label, value}); each button's
 * 回传请求 carries `{"value": <the button's value>}` in its params. Sent with createAndDeliver into the group,
 * clicked back to /dingtalk/card (HTTP) or, through a Stream transport, on /v1.0/card/instances/callback.
 */
export interface DingtalkCardSettings {
  /** Where clicks come back: the /dingtalk/card route (HTTP) or the Stream connection (STREAM). */
  callbackType?: "HTTP" | "STREAM";
  robotCode: string;
  templateId: string;
}

/** The card's data: every value a string, as DingTalk's cardParamMap requires. */
export function cardParamMap(card: PlannedCard, text: string): Record<string, string> {
  return { title: card.title, text, buttons: JSON.stringify(card.buttons.map(({ label, value }) => ({ label, value }))) };
}

/** Creates the card and delivers it into the group, in one call; its outTrackId is the card's id. */
export async function sendDingtalkCard(
  client: DingtalkClient,
  settings: DingtalkCardSettings,
  conversationId: string,
  card: PlannedCard,
  text: string,
): Promise<SendResult> {
  const answer = await client.post("/v1.0/card/instances/createAndDeliver", {
    cardTemplateId: settings.templateId,
    outTrackId: card.actionId,
    cardData: { cardParamMap: cardParamMap(card, text) },
    callbackType: settings.callbackType ?? "HTTP",
    openSpaceId: `dtv1.card//IM_GROUP.${conversationId}`,
    imGroupOpenSpaceModel: { supportForward: true },
    imGroupOpenDeliverModel: { robotCode: settings.robotCode },
  });
  if (!answer.ok) return answer.failure;
  if (answer.json.success === false) return permanent(`card not delivered: ${JSON.stringify(answer.json).slice(0, 200)}`);
  return { ok: true };
}

const callbackSchema = z
  .object({
    outTrackId: z.string().min(1),
    userId: z.string().min(1),
    content: z.string(),
    spaceId: z.string().optional(),
    spaceType: z.string().optional(),
  })
  .loose();
const contentSchema = z.object({
  cardPrivateData: z.object({ actionIds: z.array(z.string()).optional(), params: z.record(z.string(), z.unknown()).optional() }),
});

/**
 * Reads a card click (HTTP callback body, or a Stream CALLBACK frame's parsed `data` on topic
 * /v1.0/card/instances/callback): who clicked which card, and the button's value (params.value, else the
 * button's action id). Null for a callback that carries no click (a card update with no action).
 */
export function readDingtalkCardCallback(body: unknown): IncomingAction | null {
  const parsed = callbackSchema.safeParse(body);
  if (!parsed.success) throw new CallbackRejected(400, "body is not a card callback");
  let content: z.infer<typeof contentSchema>;
  try {
    content = contentSchema.parse(JSON.parse(parsed.data.content));
  } catch {
    throw new CallbackRejected(400, "card callback content is not readable");
  }
  const { params = {}, actionIds = [] } = content.cardPrivateData;
  const value = typeof params.value === "string" && params.value ? params.value : actionIds[0];
  if (!value) return null;
  return { platform: "dingtalk", actionId: parsed.data.outTrackId, userId: parsed.data.userId, value };
}

/**
 * The answer to a click (the HTTP response, or the Stream ACK's data): it updates the clicker's view of the
 * card with what the click came to (`result`, a template variable).
 */
export function dingtalkCardCallbackAnswer(handled: HandledAction): Record<string, unknown> {
  return { cardUpdateOptions: { updateCardDataByKey: true }, userPrivateData: { cardParamMap: { result: handled.answer } } };
}

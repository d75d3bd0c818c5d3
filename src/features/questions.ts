import type { QuestionTopic } from "../bot/intents.ts";
import type { PostDraft } from "../messaging/types.ts";
import type { Tx } from "../store/database.ts";
import { scheduledMeetingsOfUnits } from "../store/meetings.ts";
import type { MessageContext } from "./context.ts";
import { meetingTime } from "./meetings/texts.ts";
import { reply } from "./posts.ts";
import { ABOUT_THE_BOT, CONTACT_QUESTION, NO_MEETING_SCHEDULED, nextMeeting } from "./texts.ts";

/**
 * Questions that raise no matter — about the bot, the next meeting, a phone number — get a short answer and
 * file nothing (so they never count in 统计 nor get chased).
 */
export async function answerQuestion(tx: Tx, ctx: MessageContext, topic: QuestionTopic): Promise<PostDraft[]> {
  if (topic === "bot") return [reply(ctx, ABOUT_THE_BOT(ctx.settings.botName))];
  if (topic === "contact") return [reply(ctx, CONTACT_QUESTION)];
  const [next] = await scheduledMeetingsOfUnits(tx, [ctx.group.unitId], ctx.now);
  if (!next) return [reply(ctx, NO_MEETING_SCHEDULED)];
  return [reply(ctx, nextMeeting(meetingTime(next.startsAt, ctx.settings.zone, ctx.now), next.place, next.topic, next.number))];
}

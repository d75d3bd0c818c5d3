import { randomBytes } from "node:crypto";
import type { PlannedCard, PostCard } from "../messaging/types.ts";

/**
 * A card's id on the platform: unique per robot, and within both platforms' rules (WeCom task_id:
 * [0-9A-Za-z_-@], at most 128 bytes; DingTalk outTrackId). The ticket number helps an operator reading logs.
 */
export function newActionId(ticketNumber: number | null): string {
  return `t${ticketNumber ?? 0}-${randomBytes(9).toString("hex")}`;
}

/** The card as a platform that shows it posts it, with a fresh id for its clicks. */
export function planCard(card: PostCard, ticketNumber: number | null): PlannedCard {
  return { ...card, actionId: newActionId(ticketNumber) };
}

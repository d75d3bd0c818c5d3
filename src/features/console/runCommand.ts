import { randomUUID } from "node:crypto";
import { z } from "zod";
import { COLOUR_LABELS, RATING_LABELS } from "../../domain/types.ts";
import { findInbound } from "../../store/messages.ts";
import { findGroup, type GroupRecord } from "../../store/org.ts";
import { findTicket } from "../../store/tickets.ts";
import { handleIncomingMessage, type MessageServiceDeps } from "../handleMessage.ts";
import type { ConsoleViewer } from "./viewer.ts";

/**
 * The one adapter between the console's buttons and the chat's command path. An action is written as the
 * command a staff member would type (`受理 12`, `派单 12 物业`) and handed to the same door as a typed message
 * (handleIncomingMessage), as if sent by the viewer in the ticket's group (or their work group above it):
 * the same reading, the same permission rules, the same history, the same posts to the groups — nothing can
 * be done here that the chat refuses. When the command path is reorganised, only this file changes.
 */

export const consoleActionSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("accept") }),
  z.strictObject({ action: z.literal("assign"), target: z.string().trim().min(1).max(40) }),
  z.strictObject({ action: z.literal("resolve"), result: z.string().trim().min(1).max(500) }),
  z.strictObject({ action: z.literal("reject"), reason: z.string().trim().min(1).max(500) }),
  z.strictObject({ action: z.literal("escalate"), reason: z.string().trim().max(500).optional() }),
  z.strictObject({ action: z.literal("recategorize"), category: z.string().trim().min(1).max(40) }),
  z.strictObject({ action: z.literal("recolour"), colour: z.enum(["red", "orange", "yellow", "blue"]) }),
  z.strictObject({
    action: z.literal("revisit"),
    rating: z.enum(["satisfied", "basically_satisfied", "unsatisfied"]),
    comment: z.string().trim().max(500).optional(),
  }),
  z.strictObject({ action: z.literal("markForMeeting") }),
  z.strictObject({ action: z.literal("split"), follower: z.string().trim().min(1).max(40) }),
]);

export type ConsoleAction = z.infer<typeof consoleActionSchema>;

/** The command as it would be typed in the chat (one line: a newline would end the command there). */
export function commandText(number: number, action: ConsoleAction): string {
  const line = (text: string) => text.replace(/\s+/g, " ").trim();
  switch (action.action) {
    case "accept":
      return `受理 ${number}`;
    case "assign":
      return line(`派单 ${number} ${action.target}`);
    case "resolve":
      return line(`办结 ${number} ${action.result}`);
    case "reject":
      return line(`驳回 ${number} ${action.reason}`);
    case "escalate":
      return line(`升级 ${number} ${action.reason ?? ""}`);
    case "recategorize":
      return line(`改类 ${number} ${action.category}`);
    case "recolour":
      return `改色 ${number} ${COLOUR_LABELS[action.colour].slice(0, 1)}`;
    case "revisit":
      return line(`回访 ${number} ${RATING_LABELS[action.rating]} ${action.comment ?? ""}`);
    case "markForMeeting":
      return `上会 ${number}`;
    case "split":
      return line(`拆分 ${number} ${action.follower}`);
  }
}

/** Where the viewer "types" the command: the ticket's own group if they are in it, else their nearest work group above it. */
export async function groupToActIn(deps: MessageServiceDeps, viewer: ConsoleViewer, ticketGroupId: string, ticketUnitId: string): Promise<GroupRecord | null> {
  if (viewer.memberships.some((m) => m.groupId === ticketGroupId)) return findGroup(deps.db, ticketGroupId);
  for (const unit of viewer.units.ancestry(ticketUnitId)) {
    const membership = viewer.memberships.find((m) => m.unitId === unit.id && m.groupKind === "staff");
    if (membership) return findGroup(deps.db, membership.groupId);
  }
  return null;
}

export interface ConsoleActionResult {
  /** The command as typed on the viewer's behalf. */
  command: string;
  refused: boolean;
  replies: string[];
}

/** Runs one action on a ticket through the chat's command path; null when there is no group to act in. */
export async function runConsoleCommand(
  deps: MessageServiceDeps,
  viewer: ConsoleViewer,
  number: number,
  action: ConsoleAction,
): Promise<ConsoleActionResult | null> {
  const ticket = await findTicket(deps.db, number);
  if (!ticket) return null;
  const group = await groupToActIn(deps, viewer, ticket.groupId, ticket.unitId);
  if (!group || group.platform !== viewer.member.platform) return null;
  return typeAs(deps, viewer, group, commandText(number, action));
}

/**
 * Hands one command to the chat's door as if the viewer typed it in `group` (a ticket's or a meeting's
 * command alike): the group sees it, the rules answer it, and what it wrote is what the chat would write.
 */
export async function typeAs(deps: MessageServiceDeps, viewer: ConsoleViewer, group: GroupRecord, text: string): Promise<ConsoleActionResult> {
  const messageId = `console:${randomUUID()}`;
  const playground = deps.routing.ownTicketsOnly?.(group.platform) === true;
  const handled = await handleIncomingMessage(deps, {
    platform: group.platform,
    messageId,
    chatId: group.chatId,
    userId: viewer.member.platformUserId,
    userName: viewer.member.name,
    text,
    addressed: true,
    ...(playground ? { knownMembersOnly: true, ownPlatformTicketsOnly: true } : {}),
  });
  const stored = await findInbound(deps.db, group.platform, messageId);
  return { command: text, refused: stored?.refused ?? true, replies: handled.replies };
}

import { z } from "zod";
import type { Database } from "../../store/database.ts";
import { findMeeting } from "../../store/meetings.ts";
import { findGroup } from "../../store/org.ts";
import type { MessageServiceDeps } from "../handleMessage.ts";
import { viewerSeesMeeting } from "./meetings.ts";
import { typeAs, type ConsoleActionResult } from "./runCommand.ts";
import type { ConsoleViewer } from "./viewer.ts";

/**
 * The staff steps on a meeting the chat has, written as the command typed in the meeting's group
 * (`公示 3`, `落实 3 1 已安装`) and run through the same door as the ticket page's buttons (runCommand.ts).
 */
const words = (max: number) => z.string().trim().min(1).max(max);
const item = z.number().int().min(1).max(999);

export const meetingActionSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("publish"), again: z.boolean().optional() }),
  z.strictObject({
    action: z.literal("decide"),
    item,
    decision: words(500),
    owner: words(40).optional(),
    due: words(40).optional(),
  }),
  z.strictObject({ action: z.literal("followUp"), item, note: words(500) }),
  z.strictObject({ action: z.literal("checkIn"), person: words(40) }),
  z.strictObject({ action: z.literal("addItem"), text: words(200) }),
  z.strictObject({ action: z.literal("reschedule"), time: words(60) }),
  z.strictObject({ action: z.literal("cancel"), reason: words(200) }),
]);

export type MeetingAction = z.infer<typeof meetingActionSchema>;

/** The command as it would be typed in the chat, on one line. */
export function meetingCommandText(number: number, action: MeetingAction): string {
  const line = (text: string) => text.replace(/\s+/g, " ").trim();
  switch (action.action) {
    case "publish":
      return action.again ? `公示 ${number} 再发` : `公示 ${number}`;
    case "decide":
      return line(`决议 ${number} ${action.item} ${action.decision} ${action.owner ? `负责人:${action.owner}` : ""} ${action.due ? `期限:${action.due}` : ""}`);
    case "followUp":
      return line(`落实 ${number} ${action.item} ${action.note}`);
    case "checkIn":
      return line(`签到 ${number} @${action.person.replace(/^@/, "")}`);
    case "addItem":
      return line(`议题 ${number} ${action.text}`);
    case "reschedule":
      return line(`改期 ${number} ${action.time}`);
    case "cancel":
      return line(`取消议事会 ${number} ${action.reason}`);
  }
}

export type MeetingActionOutcome = { kind: "notFound" } | { kind: "notInGroup" } | { kind: "ran"; result: ConsoleActionResult };

/**
 * Runs a step on a meeting as the viewer typing its command in the meeting's group: the chat takes a
 * meeting's commands only there, so a viewer who is not in that group cannot act on it from here either.
 */
export async function runMeetingCommand(deps: MessageServiceDeps, viewer: ConsoleViewer, number: number, action: MeetingAction): Promise<MeetingActionOutcome> {
  const meeting = await findMeeting(deps.db, number);
  if (!meeting || !(await viewerSeesMeeting(deps.db, viewer, meeting))) return { kind: "notFound" };
  const group = await groupOfMeetingFor(deps.db, viewer, meeting.groupId);
  if (!group) return { kind: "notInGroup" };
  return { kind: "ran", result: await typeAs(deps, viewer, group, meetingCommandText(number, action)) };
}

async function groupOfMeetingFor(db: Database, viewer: ConsoleViewer, groupId: string) {
  if (!viewer.memberships.some((membership) => membership.groupId === groupId)) return null;
  const group = await findGroup(db, groupId);
  return group && group.platform === viewer.member.platform ? group : null;
}

import { decisionsToPublish, meetingEndsAt } from "./meetings.ts";

/** Where a meeting stands for the console: to come, under way (its first three hours), held, or cancelled. */
export type MeetingStage = "upcoming" | "underway" | "held" | "cancelled";

export function meetingStage(meeting: { status: string; startsAt: Date }, now: Date): MeetingStage {
  if (meeting.status === "cancelled") return "cancelled";
  if (now.getTime() < meeting.startsAt.getTime()) return "upcoming";
  return now.getTime() < meetingEndsAt(meeting.startsAt).getTime() ? "underway" : "held";
}

/** An agenda item's follow-up (落实) state: no decision yet, decided and waiting (overdue past its due date), or carried out. */
export type FollowUpState = "undecided" | "decided" | "overdue" | "done";

export function followUpState(item: { decision: string | null; dueAt: Date | null; doneAt: Date | null }, now: Date): FollowUpState {
  if (!item.decision) return "undecided";
  if (item.doneAt) return "done";
  return item.dueAt && item.dueAt.getTime() < now.getTime() ? "overdue" : "decided";
}

/** Where a held meeting's 结果公示 stands: nothing to publish, decisions waiting, published, or new decisions since. */
export type PublicationState = "none" | "unpublished" | "published" | "partly";

export function publicationState(publishedAt: Date | null, items: readonly { decision: string | null; decidedAt: Date | null }[]): PublicationState {
  if (!items.some((item) => item.decision)) return "none";
  if (!publishedAt) return "unpublished";
  return decisionsToPublish(items, publishedAt, false).length ? "partly" : "published";
}

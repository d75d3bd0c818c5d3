import { formatShortDateTime } from "../../time/zoned.ts";

/** The words of 限时督办 and escalation: the bot's name in a ticket's history, and the notes it writes there. */

/** The bot, as the actor of automatic steps in a ticket's history. */
export const SYSTEM_ACTOR_NAME = "议事助手";

/** How each event of a ticket's history reads in 进度. */
export const EVENT_LABELS: Record<string, string> = {
  reported: "反映",
  followed: "附议",
  accepted: "受理",
  assigned: "派单",
  escalated: "升级",
  resolved: "办结",
  rejected: "驳回",
  withdrawn: "撤回",
  rated: "评价",
  photo_added: "补充照片",
  reopened: "重新打开",
  chased: "督办",
  rating_reminded: "提醒评价",
  auto_closed: "自动关闭",
  marked_for_meeting: "列入议事会议题",
  unfollowed: "取消附议",
  deliberated: "议事会决议",
  meeting_released: "议事会未决议，恢复办理",
  corrected: "更正类别/颜色",
  handed_off: "转交12345平台",
};

export const overdueReason = (resolveDueAt: Date, zone: string, now: Date) => `超过办结时限（应于${formatShortDateTime(resolveDueAt, zone, now)}前办结）`;
export const ACCEPTANCE_CHASE_NOTE = "受理超时督办";
export const RESOLUTION_CHASE_NOTE = "办结超时督办（已在最高层级）";
export const RATING_REMINDER_NOTE = "办结一天未评价，提醒评价";
export const AUTO_CLOSE_NOTE = "办结后3天未评价，自动关闭（未评价）";

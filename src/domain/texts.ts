import { LEVEL_LABELS, RATING_LABELS, type Level, type Rating } from "./types.ts";

/**
 * What the rules say when they refuse, in the words users read. The rules stay pure and in English;
 * their wording is kept here so it can be reviewed with the features' texts (features/…/texts.ts).
 */

export const PERMISSION_TEXTS = {
  rateOwnOnly: (n: number) => `只有反映人本人可以评价工单 #${n}。`,
  withdrawOwnOrStaff: (n: number) => `只有反映人本人或工作人员可以撤回工单 #${n}。`,
  staffStep: (n: number) => `这一步需要本小区的书记、网格员等工作人员来操作，您可以发「进度 ${n}」查看进展。`,
  outOfScope: (n: number) => `工单 #${n} 不在您负责的范围内。`,
  notVisible: (n: number) => `工单 #${n} 不是本小区的事项，无法查看。`,
  staffAnywhere: "这一步需要工作人员来操作。",
  groupStaff: "这一步需要本小区的书记、网格员等工作人员来操作。",
  chair: "这一步需要话事员（主持人）或书记来操作。",
  aboutProperty: (n: number, action: string) => `工单 #${n} 是对物业服务的投诉，${action}需要书记或上级部门来操作，物业和其他工作人员不能${action}。`,
  groupAdmin: "只有书记、网格员或管理员可以设置角色。",
  propertyNoRating: (n: number, action: string) =>
    action === "回访"
      ? `物业不能回访工单 #${n}：回访由书记、网格员来做，物业不能评自己的工作。`
      : `物业不能评价工单 #${n}：评价由反映问题的居民来做，物业不能评自己的工作。`,
  rateByResidents: (n: number) => `工单 #${n} 由反映人和附议的居民评价，工作人员不评价。`,
  propertyOwnComplaint: (n: number, action: string) => `工单 #${n} 是对物业服务的投诉，物业不能${action}，请书记、网格员或上级部门来处理。`,
  propertyRejectRepair: (n: number) => `工单 #${n} 是报修，物业不能驳回；确实不属于物业的，请书记或网格员处理。`,
  assignToProperty: (n: number) => `工单 #${n} 是对物业服务的投诉，不能派给物业自己处理，请派给书记、网格员或上级部门。`,
  propertyNoAward: "物业不能奖励积分，积分由书记、网格员等社区工作人员奖励。",
};

/** The words for what is done to a ticket, as refusals name them. */
export const ACTION_LABELS: Record<"accept" | "assign" | "escalate" | "resolve" | "reject" | "withdraw" | "rate" | "revisit", string> = {
  accept: "受理",
  assign: "派单",
  escalate: "升级",
  resolve: "办结",
  reject: "驳回",
  withdraw: "撤回",
  rate: "评价",
  revisit: "回访",
};

/** The ticket state machine's refusals and the notes it writes into a ticket's history. */
export const TICKET_TEXTS = {
  alreadyAccepted: (n: number) => `工单 #${n} 已受理，不用重复受理。下一步可发「派单 ${n} 物业」或「办结 ${n} 结果」。`,
  notAcceptedYet: (n: number) => `工单 #${n} 还没受理，请先发「受理 ${n}」。`,
  stillOpen: (n: number, status: string) => `工单 #${n} 还没有办结（当前：${status}），办结后才能评价。`,
  alreadyRated: (n: number) => `工单 #${n} 已经评价过了，谢谢！如问题又出现，请@我重新反映。`,
  ratingWindowPassed: (n: number, closedAt: string, days: number) =>
    `工单 #${n} 已于${closedAt}关闭，超过${days}天不能再评价。如问题仍在，请@我重新反映，并注明「原工单 #${n}」。`,
  closedUnratedLong: (n: number, closedAt: string, days: number) =>
    `工单 #${n} 已于${closedAt}因未评价自动关闭，超过${days}天不能再补评。如问题仍在，请@我重新反映，并注明「原工单 #${n}」。`,
  lateRatingNote: (rating: Rating, comment: string | null) => `补评（自动关闭后）：${RATING_LABELS[rating]}${comment ? `：${comment}` : ""}`,
  /** status: the ticket's status word (domain/status.ts) */
  notNow: (n: number, status: string, action: keyof typeof ACTION_LABELS) => `工单 #${n} 当前「${status}」，不能${ACTION_LABELS[action]}。`,
  atTopLevel: (n: number, level: Level) => `工单 #${n} 已在最高层级（${LEVEL_LABELS[level]}），无法再升级。`,
  escalationNote: (from: Level, toUnit: string, reason: string | null) => `${LEVEL_LABELS[from]} → ${toUnit}${reason ? `：${reason}` : ""}`,
  ratingNote: (rating: Rating, comment: string | null) => (comment ? `${RATING_LABELS[rating]}：${comment}` : RATING_LABELS[rating]),
  REOPENED_NOTE: "居民不满意，重新办理",
};

/** How meeting rules read: reminder lead times and 例会 rules. */
export const MEETING_RULE_TEXTS = {
  days: (n: number) => `${n}天`,
  hours: (n: number) => `${n}小时`,
  minutes: (n: number) => `${n}分钟`,
  monthly: (day: number, clock: string) => `每月${day}日 ${clock}`,
  /** weekday: 0 = Sunday */
  weekly: (weekday: number, clock: string) => `每周${"日一二三四五六"[weekday]} ${clock}`,
};

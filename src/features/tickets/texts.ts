import { REVISIT_NOTE_PREFIX } from "../../domain/staffFigures.ts";
import { PERMISSION_TEXTS } from "../../domain/texts.ts";
import { findPhoneNumbers } from "../../text/phone.ts";
import { isOverdue, pressingDue } from "../../domain/sla.ts";
import { statusLabel } from "../../domain/status.ts";
import {
  COLOUR_LABELS,
  LEVEL_LABELS,
  OUTCOME_LABELS,
  RATING_LABELS,
  OPEN_STATUSES,
  STATUS_LABELS,
  type Colour,
  type Level,
  type Rating,
  type TicketStatus,
} from "../../domain/types.ts";
import { formatShortDateTime } from "../../time/zoned.ts";
import type { TicketRecord } from "../../store/tickets.ts";
import type { DangerTier, HazardId } from "../../bot/urgency.ts";

/** Every sentence the bot says about tickets, in one place so the wording is easy to review. */

const COLOUR_ICONS: Record<Colour, string> = { red: "🔴", orange: "🟠", yellow: "🟡", blue: "🔵" };

/**
 * A resident's words, shortened. Phone numbers stay as written: who reads the post decides whether they are
 * masked (features/delivery.ts, asRead), so a work group can call the reporter back.
 */
export function excerpt(text: string, max = 30): string {
  // Mentions (of the bot or anyone) add nothing to a summary.
  const clean = text
    .replace(/^(\s*@\S+)+\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...clean];
  if (chars.length <= max) return clean;
  // Never cut a number in half: half a number is neither masked nor of use, so the cut moves past it.
  let cut = chars.slice(0, max).join("").length;
  const cutNumber = findPhoneNumbers(clean).find((phone) => phone.start < cut && phone.end > cut);
  if (cutNumber) cut = cutNumber.end;
  return cut >= clean.length ? clean : `${clean.slice(0, cut)}…`;
}

/**
 * Who reads a post: residents (a residents' group, a private chat) read plain words — no level names, no
 * colour grades, no commands meant for staff; staff in their work group keep the working terms.
 */
import type { Audience } from "../../domain/audience.ts";
export type { Audience };

export interface TextContext {
  zone: string;
  now: Date;
  categoryName: (id: string) => string;
}

const when = (t: TextContext, instant: Date) => formatShortDateTime(instant, t.zone, t.now);

function nextStepFor(ticket: TicketRecord, t: TextContext, audience: Audience = "staff"): string {
  const n = ticket.number;
  if (ticket.markedForMeetingAt && OPEN_STATUSES.has(ticket.status)) return "等待议事会商议，议事会后继续办理";
  switch (ticket.status) {
    // A deadline already past is said to be past (as 待办 marks it), never shown as still ahead.
    case "reported":
      return isOverdue(ticket, t.now) ? `等待受理（⚠️已超期，应于${when(t, ticket.acceptDueAt)}前受理）` : `等待受理（${when(t, ticket.acceptDueAt)}前）`;
    case "accepted":
      if (isOverdue(ticket, t.now))
        return `${audience === "residents" ? "正在安排人员办理" : "待派单办理"}（⚠️已超期，应于${when(t, ticket.resolveDueAt)}前办结）`;
      if (audience === "residents") return `正在安排人员办理，${when(t, ticket.resolveDueAt)}前办好`;
      return `待派单办理，${when(t, ticket.resolveDueAt)}前办结`;
    case "assigned":
      if (isOverdue(ticket, t.now)) return `${ticket.assigneeName ?? "经办人"}办理中（⚠️已超期，应于${when(t, ticket.resolveDueAt)}前办结）`;
      return `${ticket.assigneeName ?? "经办人"}办理中，${when(t, ticket.resolveDueAt)}前办结`;
    case "resolved":
      return `请反映人评价：发「评价 ${n} 满意/基本满意/不满意」`;
    default:
      return "已结束";
  }
}

export function reportFiled(ticket: TicketRecord, t: TextContext, notifiedGroups: string[], needsTriage = false): string {
  const lines = [
    `✅ 已登记工单 #${ticket.number}`,
    `类别：${t.categoryName(ticket.category)}${needsTriage ? "（待工作人员分类）" : ""}${ticket.colour === "red" ? `｜${COLOUR_ICONS.red}${URGENT_FOR_RESIDENTS}` : ""}`,
  ];
  if (ticket.locationText) lines.push(`位置：${ticket.locationText}`);
  lines.push(`下一步：${when(t, ticket.acceptDueAt)}前受理，${when(t, ticket.resolveDueAt)}前办结。`);
  if (notifiedGroups.length) lines.push(`已通知：${notifiedGroups.join("、")}`);
  lines.push(`发「进度 ${ticket.number}」随时查看。`);
  return lines.join("\n");
}

/** `possibleHazard`: the hazard a report named with doubt, told first so staff check it at once. */
export function staffAlert(ticket: TicketRecord, t: TextContext, groupName: string, possibleHazard: HazardId | null = null): string {
  return [
    ...(possibleHazard ? [possibleDangerAlert(possibleHazard)] : []),
    `${COLOUR_ICONS[ticket.colour]}【${COLOUR_LABELS[ticket.colour]}】新工单 #${ticket.number}（${groupName}）`,
    `类别：${t.categoryName(ticket.category)}${ticket.locationText ? `｜位置：${ticket.locationText}` : ""}`,
    `内容：${excerpt(ticket.text, 60)}`,
    `请在${when(t, ticket.acceptDueAt)}前受理：发「受理 ${ticket.number}」。`,
  ].join("\n");
}

export function joinedExisting(ticket: TicketRecord, followerCount: number): string {
  return `这件事已有人反映（工单 #${ticket.number}，${statusLabel(ticket)}），已为您附议，目前共 ${followerCount + 1} 人关注。办好后会一并通知。`;
}

export function alreadyReported(ticket: TicketRecord): string {
  return `您已反映过这件事（工单 #${ticket.number}，${statusLabel(ticket)}），不用重复登记。发「进度 ${ticket.number}」查看进展。`;
}

export function followed(ticket: TicketRecord, followerCount: number): string {
  return `已附议工单 #${ticket.number}，目前共 ${followerCount + 1} 人关注。办好后会通知您。`;
}

/** What residents read of a red ticket's grade: that it is urgent, not the colour scheme. */
const URGENT_FOR_RESIDENTS = "紧急";

export function accepted(ticket: TicketRecord, actorName: string, t: TextContext, audience: Audience = "staff"): string {
  if (audience === "residents") return `工单 #${ticket.number} 已受理（${actorName}），将于${when(t, ticket.resolveDueAt)}前办好。`;
  return `工单 #${ticket.number} 已受理（${actorName}）。下一步：派单办理，${when(t, ticket.resolveDueAt)}前办结。`;
}

/** `mentioned`: the assignee is a member of the group it is posted in (an @ elsewhere reaches nobody; a department is no person). */
export function assigned(ticket: TicketRecord, t: TextContext, audience: Audience = "staff", mentioned = true): string {
  const who = `${mentioned ? "@" : ""}${ticket.assigneeName}`;
  if (audience === "residents") return `工单 #${ticket.number} 已派给 ${who} 办理，将于${when(t, ticket.resolveDueAt)}前办好。`;
  return `工单 #${ticket.number} 已派给 ${who} 办理，请于${when(t, ticket.resolveDueAt)}前办结，办好后发「办结 ${ticket.number} 结果」。`;
}

export function escalated(ticket: TicketRecord, unitName: string, reason: string | null, t: TextContext, audience: Audience = "staff"): string {
  if (audience === "residents") {
    return `工单 #${ticket.number} 已升级至${unitName}${reason ? `，原因：${reason}` : ""}，将于${when(t, ticket.resolveDueAt)}前办好。发「进度 ${ticket.number}」查看。`;
  }
  return `工单 #${ticket.number} 已升级至${unitName}（${LEVEL_LABELS[ticket.level]}）${reason ? `，原因：${reason}` : ""}。新期限：${when(t, ticket.acceptDueAt)}前受理，${when(t, ticket.resolveDueAt)}前办结。`;
}

export function escalationNotice(
  ticket: TicketRecord,
  fromLevel: Level,
  reason: string | null,
  t: TextContext,
  originGroupName: string,
  history: string[],
): string {
  return [
    `⬆️ 工单 #${ticket.number} 由${LEVEL_LABELS[fromLevel]}升级至本级（来自${originGroupName}）`,
    `类别：${t.categoryName(ticket.category)}｜${COLOUR_LABELS[ticket.colour]}${ticket.locationText ? `｜位置：${ticket.locationText}` : ""}`,
    `内容：${excerpt(ticket.text, 60)}`,
    ...(reason ? [`升级原因：${reason}`] : []),
    ...(history.length ? ["经过：", ...history.map((line) => `· ${line}`)] : []),
    ...(ticket.suggestedDepartment ? [`建议承办部门：${ticket.suggestedDepartment}（确认请发「派单 ${ticket.number} ${ticket.suggestedDepartment}」）`] : []),
    `请在${when(t, ticket.acceptDueAt)}前受理：发「受理 ${ticket.number}」。`,
  ].join("\n");
}

/** The short line the residents' group reads when its matter climbs a level: no personal data. */
export function escalatedStatus(ticket: TicketRecord, unitName: string, automatic: boolean): string {
  return `工单 #${ticket.number} 已升级至${unitName}${automatic ? "，因超过办结时限" : ""}，将继续跟进。发「进度 ${ticket.number}」查看。`;
}

export function acceptanceChase(ticket: TicketRecord, t: TextContext): string {
  return [
    `⏰【督办】工单 #${ticket.number} 已超过受理时限（应于${when(t, ticket.acceptDueAt)}前受理）`,
    `类别：${t.categoryName(ticket.category)}·${COLOUR_LABELS[ticket.colour]}${ticket.locationText ? `｜位置：${ticket.locationText}` : ""}`,
    `内容：${excerpt(ticket.text, 40)}`,
    `请尽快受理：发「受理 ${ticket.number}」。`,
  ].join("\n");
}

export function resolutionChase(ticket: TicketRecord, t: TextContext): string {
  return [
    `⏰【督办】工单 #${ticket.number} 已超过办结时限（应于${when(t, ticket.resolveDueAt)}前办结），已在最高层级，每日督办直至办结`,
    `类别：${t.categoryName(ticket.category)}·${COLOUR_LABELS[ticket.colour]}｜状态：${statusLabel(ticket)}${ticket.assigneeName ? `｜经办：${ticket.assigneeName}` : ""}`,
    `内容：${excerpt(ticket.text, 40)}`,
    ...(ticket.suggestedDepartment && !ticket.assigneeName
      ? [`建议承办部门：${ticket.suggestedDepartment}（确认请发「派单 ${ticket.number} ${ticket.suggestedDepartment}」）`]
      : []),
    nextStaffStep(ticket),
  ].join("\n");
}

/** The step staff can actually take next on an open ticket, as the command to send. */
function nextStaffStep(ticket: TicketRecord): string {
  const n = ticket.number;
  switch (ticket.status) {
    case "reported":
      return ticket.suggestedDepartment ? `请先受理：发「受理 ${n}」，或直接派单。` : `请先受理：发「受理 ${n}」。`;
    case "accepted":
      return `请派单办理：发「派单 ${n} 承办人」；办好后发「办结 ${n} 结果」。`;
    default:
      return `办好后发「办结 ${n} 结果」。`;
  }
}

export function ratingReminder(ticket: TicketRecord, names: string[]): string {
  return `${names.map((name) => `@${name}`).join(" ")} 工单 #${ticket.number} 已办结一天了，结果满意吗？请发「评价 ${ticket.number} 满意」，或@我回复「满意」「基本满意」「不满意 + 意见」。3天内未评价将自动关闭。`;
}

export function autoClosed(ticket: TicketRecord): string {
  return `工单 #${ticket.number} 办结后3天未收到评价，已自动关闭（记为未评价）。如问题仍在，可重新@我反映。`;
}

const CANNOT_FIX_WORDS = /^(无法解决|无法办理|无法处理|解决不了|不能解决)[：:，,。\s]*/;
const TRANSFER_WORDS = /^(?:已?转办|已?转交|转至|移交)(?:给|到)?\s*([^：:，,。\s]*)[：:，,。\s]*/;

/**
 * 「工单 #N 已办结（…）：结果」 saying the outcome once, in plain words: 「已办结（无法解决）：需业委会动用维修基金」,
 * 「已办结（已转交城管局办理）：占道经营归城管」, not the outcome again in front of the result.
 */
export function resolvedHead(ticket: TicketRecord): string {
  const note = ticket.resultNote ?? "";
  if (ticket.outcome === "cannot_fix") return `工单 #${ticket.number} 已办结（无法解决）：${excerpt(note.replace(CANNOT_FIX_WORDS, "") || note, 60)}`;
  if (ticket.outcome === "transferred") {
    const transfer = TRANSFER_WORDS.exec(note);
    const unit = transfer?.[1] ? `已转交${transfer[1]}办理` : "已转交其他单位办理";
    const rest = transfer ? note.slice(transfer[0].length) : note;
    return `工单 #${ticket.number} 已办结（${unit}）${rest ? `：${excerpt(rest, 60)}` : "。"}`;
  }
  return `工单 #${ticket.number} 已办结（${OUTCOME_LABELS.fixed}）：${excerpt(note, 60)}`;
}

export function resolved(ticket: TicketRecord, names: string[], audience: Audience = "residents"): string {
  const head = resolvedHead(ticket);
  // Staff read who was asked; the asking, with the words to answer, is for the residents' group.
  if (audience === "staff") return names.length ? `${head}\n已请 ${names.join("、")} 在居民群评价。` : head;
  if (!names.length) return head;
  return `${head}\n${names.map((name) => `@${name}`).join(" ")} 请评价：发「评价 ${ticket.number} 满意」，或@我回复「满意」「基本满意」「不满意 + 意见」。`;
}

/** Several matters await the sender's rating: which one? */
export function whichToRate(numbers: number[], rating: Rating, comment: string | null): string {
  const words = `${RATING_LABELS[rating]}${comment ? ` ${excerpt(comment, 20)}` : ""}`;
  return `您有 ${numbers.length} 件工单等待评价（${numbers.map((n) => `#${n}`).join("、")}），请带上编号，例如「评价 ${numbers[0]} ${words}」。`;
}

export function followerRated(ticket: TicketRecord): string {
  return `收到您对工单 #${ticket.number} 的评价，谢谢！`;
}

/** A follower not satisfied: recorded, and passed on to the staff who handle the matter. */
export function followerUnsatisfied(ticket: TicketRecord, withReason: boolean, relayed: boolean): string {
  const n = ticket.number;
  const relay = relayed ? "已转告工作人员跟进" : "已记入工单";
  return withReason
    ? `收到您对工单 #${n} 的评价（不满意），${relay}。如是新的问题，也可以@我单独反映。`
    : `收到您对工单 #${n} 的评价（不满意），${relay}。请说说哪里不满意：发「评价 ${n} 不满意 + 意见」。`;
}

/** What the work group reads when someone who seconded a matter is not satisfied with its result. */
export function followerUnsatisfiedRelay(ticket: TicketRecord, name: string, comment: string | null): string {
  return [
    `👀 工单 #${ticket.number} 附议人 ${name} 不满意${comment ? `：${excerpt(comment, 60)}` : ""}`,
    `内容：${excerpt(ticket.text, 40)}｜当前：${statusLabel(ticket)}`,
    `请核实处理；如需重新办理，可请反映人@我重新反映。`,
  ].join("\n");
}

export function rejected(ticket: TicketRecord, reason: string): string {
  return `工单 #${ticket.number} 不予受理，原因：${reason}。如有疑问可联系网格员。`;
}

export function withdrawn(ticket: TicketRecord): string {
  return `工单 #${ticket.number} 已撤回。`;
}

export function ratedAndClosed(ticket: TicketRecord): string {
  return `感谢评价（${RATING_LABELS[ticket.rating ?? "satisfied"]}）！工单 #${ticket.number} 已关闭。`;
}

export function reopened(ticket: TicketRecord, t: TextContext, watcherName: string | null): string {
  const who = ticket.assigneeName ? `@${ticket.assigneeName} ` : "";
  const askReason = ticket.ratingComment ? "" : `\n请说说哪里不满意：@我回复「不满意 + 意见」（或发「评价 ${ticket.number} 不满意 + 意见」），会转告工作人员。`;
  return `收到不满意评价，工单 #${ticket.number} 已重新打开，交回${who ? ` ${who}` : "原来办理的人员"}继续办理，${when(t, ticket.resolveDueAt)}前办好${watcherName ? `，${watcherName}会跟进督促` : ""}。${askReason}`;
}

export const reasonNote = (reason: string) => `不满意的原因：${reason}`;
export const reasonRecorded = (n: number) => `已记下您对工单 #${n} 不满意的原因，工作人员会跟进，谢谢！`;
export function reasonRelay(ticket: TicketRecord, name: string, reason: string): string {
  return `👀 工单 #${ticket.number} ${name} 补充不满意的原因：${excerpt(reason, 60)}\n内容：${excerpt(ticket.text, 40)}｜当前：${statusLabel(ticket)}`;
}

/** What the level above reads when a resident is not satisfied: it watches, the handler keeps the matter. */
export function unsatisfiedWatch(ticket: TicketRecord, comment: string | null, t: TextContext): string {
  return [
    `👀 工单 #${ticket.number} 居民不满意${comment ? `：${excerpt(comment, 40)}` : ""}`,
    `内容：${excerpt(ticket.text, 40)}`,
    `已退回${ticket.assigneeName ? `经办人 ${ticket.assigneeName}` : `${LEVEL_LABELS[ticket.level]}`}重新办理，${when(t, ticket.resolveDueAt)}前办结；请本级关注，逾期将自动升级至本级。`,
  ].join("\n");
}

/** A late rating after the automatic close: recorded, and said plainly. */
export function lateRatingRecorded(ticket: TicketRecord, t: TextContext): string {
  const closed = ticket.closedAt ? when(t, ticket.closedAt) : "";
  return `已补记您对工单 #${ticket.number} 的评价（${RATING_LABELS[ticket.rating ?? "satisfied"]}），谢谢！工单已于${closed}因未评价自动关闭，补评照常计入满意率。`;
}

export function progress(
  ticket: TicketRecord,
  t: TextContext,
  followerCount: number,
  lastEvent: string | null,
  view: { audience: Audience; handlerName: string } = { audience: "staff", handlerName: "" },
): string {
  const residents = view.audience === "residents";
  const grade = residents ? (ticket.colour === "red" ? `·${URGENT_FOR_RESIDENTS}` : "") : `·${COLOUR_LABELS[ticket.colour]}`;
  const lines = [`工单 #${ticket.number}｜${statusLabel(ticket)}｜${t.categoryName(ticket.category)}${grade}`, `内容：${excerpt(ticket.text, 40)}`];
  if (ticket.locationText) lines.push(`位置：${ticket.locationText}`);
  const handler = residents ? `办理单位：${view.handlerName || LEVEL_LABELS[ticket.level]}` : `层级：${LEVEL_LABELS[ticket.level]}`;
  lines.push(`${handler}${ticket.assigneeName ? `｜经办：${ticket.assigneeName}` : ""}${followerCount ? `｜附议 ${followerCount} 人` : ""}`);
  if (ticket.resultNote && (ticket.status === "resolved" || ticket.status === "closed" || ticket.status === "rejected")) {
    lines.push(`结果：${excerpt(ticket.resultNote, 40)}`);
  }
  if (lastEvent) lines.push(`最近：${lastEvent}`);
  lines.push(`下一步：${nextStepFor(ticket, t, view.audience)}`);
  return lines.join("\n");
}

export function ticketLine(ticket: TicketRecord, t: TextContext, showDeadline: boolean): string {
  const icon = showDeadline && ticket.colour === "red" && OPEN_STATUSES.has(ticket.status) ? `${COLOUR_ICONS.red}` : "";
  if (ticket.markedForMeetingAt && OPEN_STATUSES.has(ticket.status)) {
    // Waiting for a meeting: its resolution clock is paused, so no deadline is shown.
    return `${icon}#${ticket.number} ${statusLabel(ticket)}｜${t.categoryName(ticket.category)}｜${excerpt(ticket.text, 16)}`;
  }
  const due = pressingDue(ticket);
  const overdue = showDeadline && isOverdue(ticket, t.now);
  const deadline = showDeadline && OPEN_STATUSES.has(ticket.status) ? `｜${overdue ? "⚠️已超期" : `${when(t, due)}前`}` : "";
  return `${icon}#${ticket.number} ${statusLabel(ticket)}｜${t.categoryName(ticket.category)}｜${excerpt(ticket.text, 16)}${deadline}`;
}

export function myTickets(lines: string[]): string {
  return lines.length ? [`您反映、附议或经办的工单：`, ...lines].join("\n") : "您还没有反映过问题。@我 说出问题（如「3号楼电梯坏了」）就能登记。";
}

export function todoList(lines: string[], total: number): string {
  if (!lines.length) return "目前没有待办工单 👍";
  return [`待办工单 ${total} 件${total > lines.length ? `（先列 ${lines.length} 件）` : ""}：`, ...lines].join("\n");
}

export const ASSIGNED_TO_YOU = "｜由您经办";
export const NOT_FOUND = (n: number) => `找不到工单 #${n}，请核对编号。`;
/** A 办结 whose result only says someone was told or the matter handed on. */
export const RESULT_ONLY_PASSED_ON = (n: number, result: string) =>
  `「${result}」只说明通知或转给了别人，还不是办理结果。办好后请发实际结果，如「办结 ${n} 已更换灯泡」；由别的单位办理请发「派单 ${n} 物业」，或「办结 ${n} 转办 单位名：原因」。`;
export const NOT_IN_SCOPE = PERMISSION_TEXTS.notVisible;
export const FOLLOW_OWN = (n: number) => `工单 #${n} 是您自己反映的，不用附议。`;
export const FOLLOW_AGAIN = (n: number) => `您已附议过工单 #${n}。`;
export const FOLLOW_CLOSED = (n: number, status: TicketStatus) => `工单 #${n} 当前「${STATUS_LABELS[status]}」，不能附议。`;
export const STAFF_ONLY_TODO = "「待办」是工作人员的功能。发「我的」可查看您反映的事项。";
export const ASSIGNEE_UNKNOWN = (name: string) => `找不到「${name}」。可以写「物业」「网格员」，或本小区工作人员的名字。`;
export const ASSIGNEE_AMBIGUOUS = (name: string) => `有多位叫「${name}」的人员，请写更具体的名字。`;
export const NEEDS_DETAIL = (word: string) => `请把问题说具体些，例如：「${word} 3号楼2单元楼道灯不亮」。`;
export const SPLIT_STAFF_ONLY = "只有工作人员可以拆分附议。";
export const SPLIT_NO_FOLLOWER = (n: number, name: string) => `工单 #${n} 的附议人里没有「${name}」。`;
export const splitNote = (name: string) => `${name} 的反映另立工单`;
export const unfollowNote = (name: string) => `取消 ${name} 的附议`;
export const unfollowed = (name: string, n: number) => `已取消 ${name} 对工单 #${n} 的附议。`;
export const splitOff = (name: string, from: number, to: number) => `已将 ${name} 的反映从工单 #${from} 拆分，另立工单 #${to}。`;
export const FOLLOW_NOTE = "附议";
export const DUPLICATE_FOLLOW_NOTE = "附议（重复反映）";
export const followerRatingNote = (rating: Rating, comment: string | null) => `附议人评价：${RATING_LABELS[rating]}${comment ? `：${comment}` : ""}`;

// Follow-ups, first advice for a resident in danger, and staff corrections (改类 / 改色).

export const NOTHING_OPEN = "没有找到您正在办理中的工单。发「我的」看您反映过的事项；如果是新问题，@我 直接说出来就能登记。";

export const followUpList = (lines: string[], open = true) =>
  [`您${open ? "正在办理中" : "反映过"}的工单有 ${lines.length} 件，是哪一件？发「进度 编号」看详情：`, ...lines].join("\n");

/** A follow-up about a matter already closed: how it ended, and what the sender can do now. */
export function followUpSettled(ticket: TicketRecord, t: TextContext): string | null {
  if (ticket.status !== "closed" || !ticket.closedAt) return null;
  const how = ticket.rating ? `评价：${RATING_LABELS[ticket.rating]}` : "未评价";
  const head = `这件事已于${when(t, ticket.closedAt)}关闭（${ticket.outcome ? OUTCOME_LABELS[ticket.outcome] : "已办结"}，${how}）。`;
  const rate = ticket.rating ? "" : `还没评价的话，可以发「评价 ${ticket.number} 满意」或「评价 ${ticket.number} 不满意 + 意见」（不满意会重新打开）；`;
  return `${head}${rate}问题还在的话，@我 说明现在的情况，会重新登记。`;
}

/** First what to do now, then the ticket: a resident in danger reads the line that matters first. */
export const HAZARD_ADVICE: Record<HazardId, string> = {
  carbonMonoxide: "🚨 疑似一氧化碳（煤气）中毒：立即开窗开门通风，熄灭炉火、关掉热水器，把人转移到空气新鲜处；有人头晕、昏迷立即拨打 120，不要在屋里开关电器。",
  lockedIn: "🚨 有人被锁困：隔着门和他说话、让他保持冷静；车里有孩子或老人、天热或人不舒服时立即拨打 110 或 119，必要时破窗；不要等开锁师傅。",
  ledge: "🚨 有人在楼顶或高处边缘：立即拨打 110 和 119，劝他远离边缘、不要靠近刺激他；下方疏散围观的人，等待救援。",
  lift: "🚨 被困电梯：按轿厢内警铃或拨打轿厢内应急电话，也可拨打 96333（电梯应急救援）；被困的人不要扒门、不要试图爬出，保持冷静等待救援。",
  fire: "🚨 着火冒烟：立即拨打 119！不要乘电梯，用湿毛巾捂住口鼻，低姿沿楼梯往下撤离；被困时关门用湿布堵住门缝，到窗边呼救。",
  gas: "🚨 燃气泄漏：立即开窗通风，不要开关电灯电器、不要点火、不要在室内打电话；关闭燃气总阀，马上离开，到室外拨打燃气抢修电话或 119。",
  electric: "🚨 漏电危险：远离电线和冒火花处，不要用手碰；有人触电先拉下电闸断电再施救，并拨打 120；供电抢修拨打 95598。",
  waterElectric: "🚨 水淹电器：先拉下电闸断电，远离进水的配电箱和电器，不要蹚水靠近；电梯井进水时不要乘电梯。有危险拨打 119。",
  burstPipe: "🚨 水管爆裂：先关闭总水阀，远离被水浸到的电器和插座（必要时拉下电闸），提醒楼下邻居。",
  falling: "🚨 高处坠物：马上远离下方区域，提醒他人绕行；有人受伤拨打 120，危险持续请拨打 110 或 119。",
  collapse: "🚨 坍塌危险：立即撤离并疏散周围的人，不要靠近；拨打 119，有人被压请同时拨打 120。",
  medical: "🚨 有人受伤或昏迷：立即拨打 120！不要随意搬动摔伤的人；没有呼吸时，会心肺复苏的人立即施救，等救护车到。",
  violence: "🚨 有人动手或持械：先保护好自己、远离现场，立即拨打 110。",
  selfHarm: "🚨 有人想轻生：立即拨打 110 或 120；请身边的人陪着他、不要让他独处，不要刺激他。心理援助热线：12356。",
  animal: "🚨 有狗咬人：远离狗、不要奔跑或背对它，护住头颈；被咬后用肥皂水和流动清水冲洗伤口15分钟，尽快到医院打狂犬疫苗；有人正被攻击请拨打 110。",
  child: "🚨 孩子走失或遇险：立即拨打 110（落水、坠落同时拨打 120），请邻居帮忙在小区出入口和周边寻找，查看监控。",
};

export const CORRECTION_STAFF_ONLY = (n: number) => `只有本小区的书记、网格员、话事员或部门工作人员可以更正工单 #${n} 的类别和颜色。`;

export const UNKNOWN_CATEGORY = (word: string, names: string[]) => `没有「${word}」这个类别。可选：${names.join("、")}。`;

export const SAME_VALUE = (n: number, label: string) => `工单 #${n} 已经是「${label}」，不用改。`;

export const CLOSED_NO_CORRECTION = (n: number) => `工单 #${n} 已结束，不能再改类别或颜色。`;

export const recategorizedNote = (from: string, to: string) => `类别：${from} → ${to}`;
export const recolouredNote = (from: Colour, to: Colour, movedTo: string | null) =>
  `颜色：${COLOUR_LABELS[from]} → ${COLOUR_LABELS[to]}${movedTo ? `，转${movedTo}` : ""}`;

/** What a correction teaches, in plain words (it becomes a training example for the next model). */
const LEARNED = "这次更正已记下，以后遇到类似的说法会分得更准。";

export function recategorized(n: number, from: string, to: string): string {
  return `工单 #${n} 类别已由「${from}」改为「${to}」。${LEARNED}`;
}

/** What residents read of a correction: what changes for them, not the grading. */
export function recategorizedForResidents(n: number, from: string, to: string): string {
  return `工单 #${n} 类别已由「${from}」改为「${to}」。`;
}

export function recolouredForResidents(n: number, to: Colour, movedTo: string | null, resolveBy: string): string {
  const how = to === "red" ? "已按紧急事项办理" : "的办理安排已调整";
  return `工单 #${n} ${how}${movedTo ? `，改由${movedTo}负责` : ""}，将于${resolveBy}前办好。`;
}

export function recoloured(n: number, from: Colour, to: Colour, level: Level, acceptBy: string, resolveBy: string, moved: boolean): string {
  return [
    `工单 #${n} 已由「${COLOUR_LABELS[from]}」改为「${COLOUR_LABELS[to]}」${moved ? `，转由${LEVEL_LABELS[level]}处理` : ""}。`,
    `新期限：${acceptBy}前受理，${resolveBy}前办结。${LEARNED}`,
  ].join("\n");
}

/** 代报 (filing a quoted message on a resident's behalf). */
export const ON_BEHALF_HOW = "代报用法：在群里长按居民的那条消息选「引用」，再 @我 发「立案」（或「代报」「登记」），就按原话登记为工单。";

/** A 代报's answer: one first line that says in whose name it was filed, then the filing as a report's. */
export function filedOnBehalf(ticket: TicketRecord, reporterName: string | null, filed: string, amongStaff: boolean): string {
  const rest = filed.split("\n").slice(1).join("\n");
  const head = reporterName
    ? `✅ 已代 ${reporterName} 登记工单 #${ticket.number}`
    : `✅ 已代报为工单 #${ticket.number}（原话：「${excerpt(ticket.text, 60)}」）`;
  const revisit = !reporterName && amongStaff ? `\n没有看到原发言人，办结后请回访反映的居民并发「回访 ${ticket.number} 满意」。` : "";
  return `${head}${rest ? `\n${rest}` : ""}${revisit}`;
}

/** For the work group: a 代报 without its author is confirmed by a 回访 once closed. */
export function onBehalfRevisitNotice(ticket: TicketRecord, filerName: string): string {
  return `${filerName} 代报了工单 #${ticket.number}（原话：「${excerpt(ticket.text, 40)}」），没有看到原发言人，办结后请回访反映的居民并发「回访 ${ticket.number} 满意」。`;
}

export function onBehalfJoinedExisting(ticket: TicketRecord, reporterName: string | null): string {
  return `这件事已有工单 #${ticket.number}（${statusLabel(ticket)}），${reporterName ? `已为 ${reporterName} 附议` : "已把原话记入该工单"}，不再另立。`;
}

export const onBehalfNote = (staffName: string) => `由 ${staffName} 代报`;
export const onBehalfFollowNote = (staffName: string, words: string) => `${staffName} 代报同一件事：「${excerpt(words, 60)}」`;

/** A 代报 ticket closed: staff confirm it with the resident (回访) instead of waiting for a rating. */
export function resolvedForRevisit(ticket: TicketRecord, raterNames: string[]): string {
  const who = ticket.filedById ? "此单为代报，没有原发言人，请经办人或书记回访反映的居民" : "此单由物业反映，请书记或网格员核实结果";
  const raters = raterNames.length ? `\n已请 ${raterNames.join("、")} 在居民群评价。` : "";
  return `${resolvedHead(ticket)}\n${who}后发「回访 ${ticket.number} 满意」（或基本满意、不满意 + 居民意见）。${raters}`;
}

export function revisitReminder(ticket: TicketRecord, names: string[]): string {
  return `${names.map((name) => `@${name}`).join(" ")} ${ticket.filedById ? "代报工单" : "物业反映的工单"} #${ticket.number} 已办结一天了，请回访反映人后发「回访 ${ticket.number} 满意」「基本满意」或「不满意 + 意见」。3天内未回访将自动关闭。`;
}

export const revisitNote = (rating: Rating, comment: string | null) => `${REVISIT_NOTE_PREFIX}${RATING_LABELS[rating]}${comment ? `：${comment}` : ""}`;

export function revisitRecorded(ticket: TicketRecord): string {
  return `已记录回访结果（${RATING_LABELS[ticket.rating ?? "satisfied"]}），工单 #${ticket.number} 已关闭，计入满意率。`;
}

export const REVISIT_ONLY_ON_BEHALF = (n: number) => `工单 #${n} 有反映人本人，请由本人评价（「评价 ${n} 满意」）。回访只用于没有原发言人的代报工单。`;
export const NO_REJECT_RED = (n: number) =>
  `工单 #${n} 是紧急事项，不能驳回。确实无法处理或不归本级，请发「办结 ${n} 无法解决：原因」或「办结 ${n} 转办 单位名：原因」。`;

export const RATE_ON_BEHALF = (n: number) => `工单 #${n} 是代报的，请回访反映人后发「回访 ${n} 满意」（或基本满意、不满意 + 居民意见）。`;

/** Buttons for a rating request: each stands for the command a resident would type. */
export function ratingCard(n: number): { title: string; buttons: { label: string; value: string }[] } {
  return {
    title: `工单 #${n} 已办结，请评价`,
    buttons: (["satisfied", "basically_satisfied", "unsatisfied"] as const).map((rating) => ({
      label: RATING_LABELS[rating],
      value: `评价 ${n} ${RATING_LABELS[rating]}`,
    })),
  };
}

/** The button under a new ticket's staff alert. */
export function acceptCard(n: number): { title: string; buttons: { label: string; value: string }[] } {
  return { title: `新工单 #${n} 待受理`, buttons: [{ label: "受理", value: `受理 ${n}` }] };
}

/** What a click came to, on the card or as a short reply. */
export const actionRecorded = (label: string) => `已记录：${label}`;
export const UNKNOWN_CARD = "这张卡片已失效，请直接发文字命令。";

/** Said before the first advice when the danger is named with doubt: what to do if it is happening. */
const POSSIBLE_PREFIX = "⚠️ 如果正在发生，请先照做：";

/** The first advice for a named hazard: as is when red, introduced as a precaution when only possible. */
export function dangerAdvice(hazard: HazardId, tier: DangerTier | null): string {
  const advice = HAZARD_ADVICE[hazard];
  return tier === "red" ? advice : `${POSSIBLE_PREFIX}${advice.replace(/^🚨\s*/, "")}`;
}

/** A reply to a message that names a hazard starts with its first advice. */
export function withAdvice(text: string, hazard: HazardId | null, tier: DangerTier | null): string {
  return hazard ? `${dangerAdvice(hazard, tier)}\n\n${text}` : text;
}

/** Splits a reply into its leading advice (if it starts with one) and the rest. */
export function splitAdvice(text: string): { advice: string | null; rest: string } {
  const advices = [...Object.values(HAZARD_ADVICE), ...Object.keys(HAZARD_ADVICE).map((hazard) => dangerAdvice(hazard as HazardId, "possible"))];
  const advice = advices.find((candidate) => text.startsWith(`${candidate}\n\n`));
  return advice ? { advice, rest: text.slice(advice.length + 2) } : { advice: null, rest: text };
}

/** The hazard's name as its advice gives it: 「🚨 燃气泄漏：…」 → 燃气泄漏. */
const hazardName = (hazard: HazardId) => HAZARD_ADVICE[hazard].replace(/^🚨\s*/, "").split("：")[0];
export const possibleDangerAlert = (hazard: HazardId) => `⚠️ 可能有险情（${hazardName(hazard)}），请尽快联系报告人核实。`;
export const POSSIBLE_DANGER_MARK = "⚠️可能有险情｜";

export function recolourAlert(ticket: TicketRecord, t: TextContext, groupName: string, actorName: string): string {
  const [, ...details] = staffAlert(ticket, t, groupName).split("\n");
  return [`🔴【紧急】工单 #${ticket.number}（${groupName}）已由 ${actorName} 改为紧急`, ...details].join("\n");
}

export const noLongerRed = (n: number, to: Colour, actorName: string) =>
  `工单 #${n} 已由 ${actorName} 从🔴紧急改为${COLOUR_ICONS[to]}${COLOUR_LABELS[to]}，不再按紧急处理。`;

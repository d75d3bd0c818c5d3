import type { Command } from "../bot/commands.ts";
import { authorizeTicketAction, canView, isStaffAnywhere, type TicketScope } from "../domain/permissions.ts";
import { Refusal } from "../domain/refusal.ts";
import { applyTicketAction, type TicketAction } from "../domain/ticketMachine.ts";
import { OPEN_STATUSES, type Outcome } from "../domain/types.ts";
import type { Tx } from "../store/database.ts";
import type { PostDraft } from "../store/messages.ts";
import { findMember, membersNamedInUnits, membersWithRoleInUnits, staffGroupsOfUnit } from "../store/org.ts";
import {
  addFollower,
  applyTicketPatch,
  findTicket,
  followerIdsOf,
  lastEventOf,
  openTicketsInUnits,
  ticketsOfMember,
  type TicketRecord,
} from "../store/tickets.ts";
import { formatShortDateTime } from "../time/zoned.ts";
import type { MessageContext } from "./context.ts";
import { helpText } from "./helpText.ts";
import { setRole } from "./groupAdmin.ts";
import { notice, reply } from "./posts.ts";
import { followEvent } from "./reportIntake.ts";
import * as texts from "./ticketTexts.ts";

const LIST_LIMIT = 10;

/** Runs one bot command and returns what to post. Refusals are thrown before anything is written. */
export async function runCommand(tx: Tx, ctx: MessageContext, command: Command): Promise<PostDraft[]> {
  switch (command.name) {
    case "help":
      return [reply(ctx, helpText(ctx.settings.botName, isStaffAnywhere(ctx.authority)))];
    case "mine": {
      const tickets = await ticketsOfMember(tx, ctx.member.id, LIST_LIMIT);
      return [reply(ctx, texts.myTickets(tickets.map((ticket) => texts.ticketLine(ticket, ctx.text, false))))];
    }
    case "todo":
      return todo(tx, ctx);
    case "progress":
      return progress(tx, ctx, command.ticket);
    case "follow":
      return follow(tx, ctx, command.ticket);
    case "bind":
      throw new Refusal(`本群已绑定到「${ctx.units.get(ctx.group.unitId)?.name ?? ctx.group.unitId}」。如需改绑，请通过管理接口修改。`);
    case "setRole":
      return setRole(tx, ctx, ctx.message, command.target, command.role);
    default:
      return changeTicket(tx, ctx, command);
  }
}

async function loadScoped(tx: Tx, ctx: MessageContext, number: number): Promise<{ ticket: TicketRecord; scope: TicketScope }> {
  const ticket = await findTicket(tx, number);
  if (!ticket) throw new Refusal(texts.NOT_FOUND(number));
  const scope: TicketScope = {
    number,
    reporterId: ticket.reporterId,
    followerIds: await followerIdsOf(tx, number),
    unitAncestry: ctx.units.ancestry(ticket.unitId).map((unit) => unit.id),
  };
  return { ticket, scope };
}

async function todo(tx: Tx, ctx: MessageContext): Promise<PostDraft[]> {
  if (!isStaffAnywhere(ctx.authority)) throw new Refusal(texts.STAFF_ONLY_TODO);
  const unitIds = new Set<string>();
  for (const unitId of ctx.authority.staffUnitIds) for (const id of ctx.units.subtreeIds(unitId)) unitIds.add(id);
  const { tickets, total } = await openTicketsInUnits(tx, [...unitIds], LIST_LIMIT);
  return [reply(ctx, texts.todoList(tickets.map((ticket) => texts.ticketLine(ticket, ctx.text, true)), total))];
}

async function progress(tx: Tx, ctx: MessageContext, number: number): Promise<PostDraft[]> {
  const { ticket, scope } = await loadScoped(tx, ctx, number);
  if (!canView(ctx.authority, scope)) throw new Refusal(texts.NOT_IN_SCOPE(number));
  const last = await lastEventOf(tx, number);
  const lastLine = last ? `${formatShortDateTime(last.at, ctx.settings.zone, ctx.now)} ${last.actorName} ${EVENT_LABELS[last.type] ?? last.type}` : null;
  return [reply(ctx, texts.progress(ticket, ctx.text, scope.followerIds.size, lastLine), number)];
}

const EVENT_LABELS: Record<string, string> = {
  reported: "反映",
  followed: "附议",
  accepted: "受理",
  assigned: "派单",
  escalated: "升级",
  resolved: "办结",
  rejected: "驳回",
  withdrawn: "撤回",
  rated: "评价",
  reopened: "重新打开",
};

async function follow(tx: Tx, ctx: MessageContext, number: number): Promise<PostDraft[]> {
  const { ticket, scope } = await loadScoped(tx, ctx, number);
  if (!canView(ctx.authority, scope)) throw new Refusal(texts.NOT_IN_SCOPE(number));
  if (ticket.reporterId === ctx.member.id) throw new Refusal(texts.FOLLOW_OWN(number));
  if (scope.followerIds.has(ctx.member.id)) throw new Refusal(texts.FOLLOW_AGAIN(number));
  if (!OPEN_STATUSES.has(ticket.status)) throw new Refusal(texts.FOLLOW_CLOSED(number, ticket.status));
  const count = await addFollower(tx, number, ctx.member.id, null, followEvent(ctx, "附议"));
  return [reply(ctx, texts.followed(ticket, count), number)];
}

type ChangeCommand = Extract<Command, { name: "accept" | "assign" | "escalate" | "resolve" | "reject" | "withdraw" | "rate" }>;

/** 办结 results that are not fixes are kept apart, so statistics count only real fixes as solved. */
export function outcomeOf(result: string): Outcome {
  if (/^(无法解决|无法办理|无法处理|解决不了|不能解决)/.test(result)) return "cannot_fix";
  if (/^(已?转办|已?转交|转至|移交)/.test(result)) return "transferred";
  return "fixed";
}

async function resolveAssignee(tx: Tx, ctx: MessageContext, ticket: TicketRecord, target: string): Promise<{ name: string; id: string | null }> {
  const name = target.replace(/^@/, "").trim();
  const ancestry = ctx.units.ancestry(ticket.unitId).map((unit) => unit.id);
  const role = name === "物业" || name === "物业公司" ? "property" : name === "网格员" || name === "网格" ? "grid_worker" : null;
  if (role) {
    const [person] = await membersWithRoleInUnits(tx, ancestry, [role]);
    return person ? { name: person.name, id: person.id } : { name, id: null };
  }
  const searchUnits = new Set([...ancestry, ...ctx.units.subtreeIds(ticket.handlingUnitId)]);
  const people = await membersNamedInUnits(tx, [...searchUnits], name);
  if (people.length === 0) throw new Refusal(texts.ASSIGNEE_UNKNOWN(name));
  if (people.length > 1) throw new Refusal(texts.ASSIGNEE_AMBIGUOUS(name));
  return { name: people[0]!.name, id: people[0]!.id };
}

async function buildAction(tx: Tx, ctx: MessageContext, ticket: TicketRecord, command: ChangeCommand): Promise<TicketAction> {
  switch (command.name) {
    case "accept":
      return { type: "accept" };
    case "assign": {
      const assignee = await resolveAssignee(tx, ctx, ticket, command.target);
      return { type: "assign", assigneeName: assignee.name, assigneeId: assignee.id };
    }
    case "escalate": {
      const target = ctx.units.escalationTarget(ticket.handlingUnitId);
      return { type: "escalate", reason: command.reason, to: target && { level: target.level, unitId: target.id, unitName: target.name } };
    }
    case "resolve":
      return { type: "resolve", result: command.result, outcome: outcomeOf(command.result) };
    case "reject":
      return { type: "reject", reason: command.reason };
    case "withdraw":
      return { type: "withdraw" };
    case "rate":
      return { type: "rate", rating: command.rating, comment: command.comment };
  }
}

async function changeTicket(tx: Tx, ctx: MessageContext, command: ChangeCommand): Promise<PostDraft[]> {
  const { ticket, scope } = await loadScoped(tx, ctx, command.ticket);
  const actionType = ({ accept: "accept", assign: "assign", escalate: "escalate", resolve: "resolve", reject: "reject", withdraw: "withdraw", rate: "rate" } as const)[command.name];
  authorizeTicketAction(ctx.authority, scope, actionType);
  const action = await buildAction(tx, ctx, ticket, command);
  const transition = applyTicketAction(ticket, action, { id: ctx.member.id, name: ctx.member.name }, ctx.now, {
    zone: ctx.settings.zone,
    policy: ctx.settings.policy,
  });
  const updated = await applyTicketPatch(tx, ticket.number, transition.patch, transition.events, ctx.now);
  return postsAfterChange(tx, ctx, ticket, updated, action);
}

/** The reply here, the same line in the residents' group when staff act from elsewhere, and hand-off notices. */
async function postsAfterChange(tx: Tx, ctx: MessageContext, before: TicketRecord, after: TicketRecord, action: TicketAction): Promise<PostDraft[]> {
  const n = after.number;
  let text: string;
  let mentions: string[] = [];
  const extra: PostDraft[] = [];
  switch (action.type) {
    case "accept":
      text = texts.accepted(after, ctx.member.name, ctx.text);
      break;
    case "assign":
      text = texts.assigned(after, ctx.text);
      mentions = action.assigneeId ? [action.assigneeId] : [];
      break;
    case "escalate": {
      const unitName = action.to!.unitName;
      text = texts.escalated(after, unitName, action.reason, ctx.text);
      for (const staffGroup of await staffGroupsOfUnit(tx, after.handlingUnitId)) {
        if (staffGroup.id !== ctx.group.id) {
          extra.push(notice(staffGroup.id, texts.escalationNotice(after, before.level, action.reason, ctx.text, ctx.group.name), n));
        }
      }
      break;
    }
    case "resolve": {
      const reporter = await findMember(tx, after.reporterId);
      text = texts.resolved(after, reporter?.name ?? "反映人");
      mentions = [after.reporterId];
      break;
    }
    case "reject":
      text = texts.rejected(after, action.reason);
      break;
    case "withdraw":
      text = texts.withdrawn(after);
      break;
    case "rate":
      text = action.rating === "unsatisfied" ? texts.reopened(after, ctx.text) : texts.ratedAndClosed(after);
      mentions = action.rating === "unsatisfied" && after.assigneeId ? [after.assigneeId] : [];
      break;
  }
  const posts = [reply(ctx, text, n, mentions), ...extra];
  if (after.groupId !== ctx.group.id) posts.push(notice(after.groupId, text, n, mentions));
  return posts;
}

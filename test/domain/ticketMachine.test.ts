import { describe, expect, it } from "vitest";
import { Refusal } from "../../src/domain/refusal.ts";
import { applyTicketAction, type TicketAction, type TicketState } from "../../src/domain/ticketMachine.ts";
import { TICKET_STATUSES, type TicketStatus } from "../../src/domain/types.ts";

const zone = "Asia/Shanghai";
const now = new Date("2026-11-23T02:00:00Z"); // 10:00 in Shanghai
const actor = { id: "u-li", name: "李书记" };

function ticket(status: TicketStatus, extra: Partial<TicketState> = {}): TicketState {
  return { number: 7, status, colour: "yellow", level: "estate", reporterId: "u-zhang", assigneeName: null, ...extra };
}

const ACTIONS: Record<string, TicketAction> = {
  accept: { type: "accept" },
  assign: { type: "assign", assigneeName: "孙物业", assigneeId: "u-sun" },
  escalate: { type: "escalate", reason: "三天没人来", to: { level: "community", unitId: "sq-xingfu", unitName: "幸福社区" } },
  resolve: { type: "resolve", result: "已更换灯泡", outcome: "fixed" },
  reject: { type: "reject", reason: "不属于公共区域" },
  withdraw: { type: "withdraw" },
  rateSatisfied: { type: "rate", rating: "satisfied", comment: null },
  rateBasically: { type: "rate", rating: "basically_satisfied", comment: "慢了点" },
  rateUnsatisfied: { type: "rate", rating: "unsatisfied", comment: "还是不亮" },
};

// The full transition table: for each action, the status it leads to from each legal starting status.
const LEGAL: Record<string, Partial<Record<TicketStatus, TicketStatus>>> = {
  accept: { reported: "accepted" },
  assign: { reported: "assigned", accepted: "assigned", assigned: "assigned" },
  escalate: { reported: "reported", accepted: "reported", assigned: "reported" },
  resolve: { accepted: "resolved", assigned: "resolved" },
  reject: { reported: "rejected", accepted: "rejected", assigned: "rejected" },
  withdraw: { reported: "withdrawn", accepted: "withdrawn", assigned: "withdrawn" },
  rateSatisfied: { resolved: "closed" },
  rateBasically: { resolved: "closed" },
  rateUnsatisfied: { resolved: "accepted" },
};

describe("the ticket state machine", () => {
  for (const [name, action] of Object.entries(ACTIONS)) {
    for (const from of TICKET_STATUSES) {
      const to = LEGAL[name]![from];
      if (to) {
        it(`${name}: ${from} → ${to}`, () => {
          const transition = applyTicketAction(ticket(from), action, actor, now, { zone });
          expect(transition.patch.status).toBe(to);
          expect(transition.events.length).toBeGreaterThan(0);
          expect(transition.events.every((event) => event.at === now && event.actorName === "李书记")).toBe(true);
        });
      } else {
        it(`${name}: refused from ${from}`, () => {
          expect(() => applyTicketAction(ticket(from), action, actor, now, { zone })).toThrow(Refusal);
        });
      }
    }
  }

  it("explains a resolve before acceptance with the next step", () => {
    expect(() => applyTicketAction(ticket("reported"), ACTIONS.resolve!, actor, now, { zone })).toThrow("请先发「受理 7」");
  });

  it("refuses to rate an open ticket and says why", () => {
    expect(() => applyTicketAction(ticket("assigned"), ACTIONS.rateSatisfied!, actor, now, { zone })).toThrow("办结后才能评价");
  });

  it("refuses to resolve a closed ticket", () => {
    expect(() => applyTicketAction(ticket("closed"), ACTIONS.resolve!, actor, now, { zone })).toThrow("当前「已评价」，不能办结");
  });

  it("accepts implicitly when a fresh ticket is assigned, recording both steps", () => {
    const transition = applyTicketAction(ticket("reported"), ACTIONS.assign!, actor, now, { zone });
    expect(transition.events.map((event) => [event.type, event.fromStatus, event.toStatus])).toEqual([
      ["accepted", "reported", "accepted"],
      ["assigned", "accepted", "assigned"],
    ]);
    expect(transition.patch.acceptedAt).toEqual(now);
    expect(transition.patch.assigneeName).toBe("孙物业");
  });

  it("reopens on 不满意 to the assignee with a fresh three-day deadline", () => {
    const transition = applyTicketAction(ticket("resolved", { assigneeName: "孙物业" }), ACTIONS.rateUnsatisfied!, actor, now, { zone });
    expect(transition.patch.status).toBe("assigned");
    expect(transition.patch.resolveDueAt).toEqual(new Date("2026-11-26T02:00:00Z"));
    expect(transition.events.map((event) => event.type)).toEqual(["rated", "reopened"]);
    expect(transition.patch.rating).toBe("unsatisfied");
  });

  it("hands an escalated ticket to the next level with fresh deadlines, waiting for its acceptance", () => {
    const transition = applyTicketAction(ticket("assigned", { assigneeName: "孙物业" }), ACTIONS.escalate!, actor, now, { zone });
    expect(transition.patch).toMatchObject({ status: "reported", level: "community", handlingUnitId: "sq-xingfu", assigneeName: null });
    expect(transition.patch.acceptDueAt).toEqual(new Date("2026-11-23T15:59:59Z"));
    expect(transition.events[0]!.note).toBe("小区 → 幸福社区：三天没人来");
  });

  it("refuses to escalate past the top level", () => {
    const top = { ...ACTIONS.escalate!, to: null } as TicketAction;
    expect(() => applyTicketAction(ticket("accepted", { level: "county" }), top, actor, now, { zone })).toThrow("已在最高层级（区县部门）");
  });

  it("keeps the outcome of a resolution apart from the status", () => {
    const transition = applyTicketAction(ticket("accepted"), { type: "resolve", result: "无法解决：产权不清", outcome: "cannot_fix" }, actor, now, { zone });
    expect(transition.patch).toMatchObject({ status: "resolved", outcome: "cannot_fix", resultNote: "无法解决：产权不清" });
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPending, memberPoints } from "../../../src/domain/rewards.ts";
import { addItem } from "../../../src/features/rewards/catalogue.ts";
import { releaseUncollectedOrders } from "../../../src/features/rewards/release.ts";
import { findRewardItem, pendingPointsByUnit, spendingEntries } from "../../../src/store/rewards.ts";
import { wallTimeOf } from "../../../src/time/zoned.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

const RESIDENTS = ["u-zhang", "u-liu", "u-chen"] as const;
const NAMES = { "u-zhang": "张阿姨", "u-liu": "刘大爷", "u-chen": "陈先生" } as const;
const THINGS = ["电梯坏了", "路灯不亮", "楼顶漏水", "门禁打不开", "下水道堵了", "垃圾没人清"];
const STOCK = 4;
const HOUR = 3_600_000;

const step = fc.oneof(
  fc.record({ kind: fc.constant("award" as const), who: fc.constantFrom(...RESIDENTS), points: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("report" as const), who: fc.constantFrom(...RESIDENTS), building: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("accept" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("resolve" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("reject" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("withdraw" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("unsatisfied" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("meeting" as const), who: fc.constantFrom(...RESIDENTS) }),
  fc.record({ kind: fc.constant("cancelMeeting" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("spend" as const), who: fc.constantFrom(...RESIDENTS), quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("handOver" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("wait" as const), hours: fc.constantFrom(1, 24, 72) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Every member's ledger sum: never below zero, after every step. */
async function ledgerSums(t: TestBot) {
  return t.database.db.query
    .selectFrom("PointEntry")
    .select(["memberId", (eb) => eb.fn.sum<number>("points").as("sum")])
    .groupBy("memberId")
    .execute();
}

/** 11月23日10:20: a meeting's time as staff type it. */
function typedTime(at: Date): string {
  const wall = wallTimeOf(at, "Asia/Shanghai");
  return `${wall.month}月${wall.day}日${wall.hour}:${String(wall.minute).padStart(2, "0")}`;
}

describe("the ledger through random earning, taking back and exchanges", () => {
  it("never lets a member's ledger go below zero, never lets spendable exceed settled points, and keeps stock and orders consistent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 24 }), async (steps: Step[]) => {
        const t = await startTestBot();
        try {
          const item = await addItem(
            t.database.db,
            "u-li",
            {
              unitId: "xq-yangguang",
              name: "大米",
              price: 3,
              stock: STOCK,
              monthlyLimit: null,
              activeFrom: null,
              activeUntil: null,
              partner: null,
              collectDays: 3,
            },
            t.clock.now(),
          );
          const tickets: { number: number; reporter: string }[] = [];
          const meetings: number[] = [];
          const codes: string[] = [];
          const pickOf = <T>(list: T[], n: number) => list[n % list.length]!;
          for (const [index, s] of steps.entries()) {
            if (s.kind === "award") {
              await t.say("g-yangguang", "u-li", `积分 奖励 @${NAMES[s.who]} ${s.points} 调解`);
            } else if (s.kind === "report") {
              const [answer] = await t.say("g-yangguang", s.who, `@议事助手 ${s.building}号楼${THINGS[index % THINGS.length]}`);
              const number = /#(\d+)/.exec(answer ?? "")?.[1];
              if (number && !tickets.some((ticket) => ticket.number === Number(number))) tickets.push({ number: Number(number), reporter: s.who });
            } else if (s.kind === "accept" && tickets.length) {
              await t.say("g-yangguang", "u-li", `受理 ${pickOf(tickets, s.pick).number}`);
            } else if (s.kind === "resolve" && tickets.length) {
              await t.say("g-yangguang", "u-li", `办结 ${pickOf(tickets, s.pick).number} 已处理`);
            } else if (s.kind === "reject" && tickets.length) {
              await t.say("g-yangguang", "u-li", `驳回 ${pickOf(tickets, s.pick).number} 不属于本小区事务`);
            } else if (s.kind === "withdraw" && tickets.length) {
              const ticket = pickOf(tickets, s.pick);
              await t.say("g-yangguang", ticket.reporter, `撤回 ${ticket.number}`);
            } else if (s.kind === "unsatisfied" && tickets.length) {
              const ticket = pickOf(tickets, s.pick);
              await t.say("g-yangguang", ticket.reporter, `评价 ${ticket.number} 不满意 还没好`);
            } else if (s.kind === "meeting") {
              const [made] = await t.say(
                "g-yangguang",
                "u-li",
                `新建议事会 ${typedTime(new Date(t.clock.now().getTime() + 20 * 60_000))} 活动室${index} 议题${index}`,
              );
              const number = /#(\d+)/.exec(made ?? "")?.[1];
              if (number) {
                meetings.push(Number(number));
                await t.say("g-yangguang", "u-zhou", `签到 ${number} @${NAMES[s.who]}`);
              }
            } else if (s.kind === "cancelMeeting" && meetings.length) {
              await t.say("g-yangguang", "u-li", `取消议事会 ${pickOf(meetings, s.pick)} 临时有事`);
            } else if (s.kind === "spend") {
              const [reply] = await t.say("g-yangguang", s.who, `兑换 大米 ${s.quantity}`);
              const code = /取货码 ([2-9A-HJ-NP-Z]{4})/.exec(reply!)?.[1];
              if (code) codes.push(code);
            } else if (s.kind === "handOver" && codes.length) {
              await t.say("g-yangguang", "u-wang", `核销 ${pickOf(codes, s.pick)}`);
            } else if (s.kind === "cancel" && codes.length) {
              await t.say("g-yangguang", "u-wang", `取消兑换 ${pickOf(codes, s.pick)} 测试`);
            } else if (s.kind === "wait") {
              t.clock.advance(s.hours * HOUR);
              await releaseUncollectedOrders(t.bot.deps, t.clock.now());
            }
            for (const { memberId, sum } of await ledgerSums(t)) expect(Number(sum), `${memberId} after step ${index} ${s.kind}`).toBeGreaterThanOrEqual(0);
          }

          const now = t.clock.now();
          const rules = { monthlyAwardCap: t.bot.deps.settings.policy.points.monthlyAwardCap, monthOf: (at: Date) => at.toISOString().slice(0, 7), now };
          let pendingOfMembers = 0;
          for (const who of RESIDENTS) {
            const entries = await spendingEntries(t.database.db, who);
            const points = memberPoints(entries, rules);
            const settled = entries.filter((entry) => !isPending(entry, now)).reduce((sum, entry) => sum + entry.points, 0);
            expect(points.spendable).toBeLessThanOrEqual(Math.max(0, settled));
            expect(points.pending).toBeGreaterThanOrEqual(0);
            expect(points.balance).toBe(settled + points.pending);
            pendingOfMembers += points.pending;
          }
          // The console's figure (in SQL) agrees with the rule (in the domain).
          const pendingByUnit = await pendingPointsByUnit(t.database.db, ["xq-yangguang"], now);
          expect(pendingByUnit.get("xq-yangguang") ?? 0).toBe(pendingOfMembers);
          // No take-back ever had to be capped: pending points are always there to take.
          const capped = await t.database.db.query.selectFrom("PointEntry").select("reason").where("reason", "like", "%应收回%").execute();
          expect(capped).toEqual([]);

          const held = await t.database.db.query.selectFrom("RewardOrder").select(["quantity"]).where("status", "in", ["open", "collected"]).execute();
          const taken = held.reduce((sum, order) => sum + order.quantity, 0);
          expect((await findRewardItem(t.database.db, item.id))!.stock).toBe(STOCK - taken);
        } finally {
          await t.close();
        }
      }),
      { numRuns: 15 },
    );
  }, 480_000);

  it("cannot overdraw by spending a report's points and having it rejected", async () => {
    const t = await startTestBot();
    try {
      await addItem(
        t.database.db,
        "u-li",
        { unitId: "xq-yangguang", name: "纸巾", price: 2, stock: 5, monthlyLimit: null, activeFrom: null, activeUntil: null, partner: null, collectDays: 3 },
        t.clock.now(),
      );
      await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼电梯坏了");
      await t.say("g-yangguang", "u-li", "受理 1");
      expect(await t.say("g-yangguang", "u-zhang", "兑换 纸巾")).toEqual(["需要 2 分，您可用的积分只有 0 分。"]);
      await t.say("g-yangguang", "u-li", "驳回 1 不属于本小区事务");
      const sums = await ledgerSums(t);
      expect(sums.map((row) => [row.memberId, Number(row.sum)])).toEqual([["u-zhang", 0]]);
    } finally {
      await t.close();
    }
  });
});

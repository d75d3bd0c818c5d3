import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addItem } from "../../../src/features/rewards/catalogue.ts";
import { releaseUncollectedOrders } from "../../../src/features/rewards/release.ts";
import { pointBalance } from "../../../src/store/points.ts";
import { findRewardItem } from "../../../src/store/rewards.ts";
import { startTestBot } from "../../helpers/testBot.ts";

const RESIDENTS = ["u-zhang", "u-liu", "u-chen"] as const;
const NAMES = { "u-zhang": "张阿姨", "u-liu": "刘大爷", "u-chen": "陈先生" } as const;
const STOCK = 4;

const step = fc.oneof(
  fc.record({ kind: fc.constant("award" as const), who: fc.constantFrom(...RESIDENTS), points: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("spend" as const), who: fc.constantFrom(...RESIDENTS), quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("handOver" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("release" as const), days: fc.integer({ min: 1, max: 4 }) }),
);

describe("the ledger through random exchanges", () => {
  it("never lets a balance go negative, and balances and stock always match the orders held", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
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
          const awarded: Record<string, number> = { "u-zhang": 0, "u-liu": 0, "u-chen": 0 };
          const codes: string[] = [];
          for (const s of steps) {
            if (s.kind === "award") {
              const [reply] = await t.say("g-yangguang", "u-li", `积分 奖励 @${NAMES[s.who]} ${s.points} 调解`);
              if (reply!.startsWith("已为")) awarded[s.who]! += s.points;
            } else if (s.kind === "spend") {
              const [reply] = await t.say("g-yangguang", s.who, `兑换 大米 ${s.quantity}`);
              const code = /取货码 ([2-9A-HJ-NP-Z]{4})/.exec(reply!)?.[1];
              if (code) codes.push(code);
            } else if (s.kind === "handOver" && codes.length) {
              await t.say("g-yangguang", "u-wang", `核销 ${codes[s.pick % codes.length]}`);
            } else if (s.kind === "cancel" && codes.length) {
              await t.say("g-yangguang", "u-wang", `取消兑换 ${codes[s.pick % codes.length]} 测试`);
            } else if (s.kind === "release") {
              t.clock.advance(s.days * 86_400_000);
              await releaseUncollectedOrders(t.bot.deps, t.clock.now());
            }
          }
          const held = await t.database.db.query
            .selectFrom("RewardOrder")
            .select(["memberId", "quantity", "points"])
            .where("status", "in", ["open", "collected"])
            .execute();
          for (const who of RESIDENTS) {
            const balance = await pointBalance(t.database.db, who);
            expect(balance).toBeGreaterThanOrEqual(0);
            const spent = held.filter((order) => order.memberId === who).reduce((sum, order) => sum + order.points, 0);
            expect(balance).toBe(awarded[who]! - spent);
          }
          const taken = held.reduce((sum, order) => sum + order.quantity, 0);
          expect((await findRewardItem(t.database.db, item.id))!.stock).toBe(STOCK - taken);
        } finally {
          await t.close();
        }
      }),
      { numRuns: 8 },
    );
  }, 240_000);
});

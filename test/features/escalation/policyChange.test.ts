import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runSlaSweep } from "../../../src/features/escalation/slaSweep.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

const HOUR = 3_600_000;
let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A deployment's POLICY_FILE, written where the bot reads it. */
function policyFile(policy: object): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "yishi-policy-change-")), "policy.json");
  writeFileSync(file, JSON.stringify(policy));
  return file;
}

/** A yellow matter reported and accepted in 阳光花园; the sweep's summary a day and an hour later. */
async function sweepADayLater(env: Record<string, string>) {
  const bot = (t = await startTestBot({ now: "2026-11-23T02:00:00Z", env }));
  await bot.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
  await bot.say("g-yangguang", "u-li", "受理 1");
  const later = new Date(bot.clock.now().getTime() + 25 * HOUR);
  bot.clock.set(later);
  return { summary: await runSlaSweep(bot.bot.deps, later), ticket: await bot.ticket(1) };
}

describe("a deadline rule changed in one place, the policy file", () => {
  it("keeps the default three days to resolve a yellow matter", async () => {
    const { summary, ticket } = await sweepADayLater({});
    expect(summary.escalated).toBe(0);
    expect(ticket.level).toBe("estate");
  });

  it("escalates a yellow matter after one day when the deployment says so, with no other change", async () => {
    const { summary, ticket } = await sweepADayLater({ POLICY_FILE: policyFile({ colours: { yellow: { resolveWithinHours: 24 } } }) });
    expect(summary.escalated).toBe(1);
    expect(ticket.level).toBe("community");
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { JOBS, scheduleOf, scheduleSettingOf, type Job } from "../../src/jobs/registry.ts";

const config = (env: Record<string, string> = {}) => loadConfig({ LOG_LEVEL: "silent", ...env });

describe("the job registry", () => {
  it("takes a new job as one declaration, its schedule overridden by the setting its name gives", () => {
    const nightlyCleanup: Job = { description: "a job a test adds", defaultSchedule: "0 3 * * *", run: () => Promise.resolve({}) };
    expect(scheduleSettingOf("nightly-cleanup")).toBe("NIGHTLY_CLEANUP_CRON");
    expect(scheduleOf("nightly-cleanup", nightlyCleanup, config())).toBe("0 3 * * *");
    expect(scheduleOf("nightly-cleanup", nightlyCleanup, config({ NIGHTLY_CLEANUP_CRON: "30 2 * * *" }))).toBe("30 2 * * *");
  });

  it("keeps every schedule the README names, under the setting derived from the job's name", () => {
    for (const [name, job] of Object.entries(JOBS)) expect(scheduleOf(name, job, config({ [scheduleSettingOf(name)]: "7 7 * * *" }))).toBe("7 7 * * *");
    expect(scheduleOf("digest-weekly", JOBS["digest-weekly"], config())).toBe("30 8 * * 1");
  });

  it("still reads a schedule from the setting an older release named, the derived one first", () => {
    expect(scheduleOf("sla", JOBS.sla, config({ SLA_SWEEP_CRON: "*/10 * * * *" }))).toBe("*/10 * * * *");
    expect(scheduleOf("sla", JOBS.sla, config({ SLA_SWEEP_CRON: "*/10 * * * *", SLA_CRON: "*/2 * * * *" }))).toBe("*/2 * * * *");
    expect(scheduleOf("reminders", JOBS.reminders, config({ MEETING_REMINDERS_CRON: "*/3 * * * *" }))).toBe("*/3 * * * *");
  });

  it("refuses a schedule that is no cron expression, naming the setting", () => {
    expect(() => config({ DIGEST_DAILY_CRON: "每天八点" })).toThrow(ConfigError);
    expect(() => config({ NIGHTLY_CLEANUP_CRON: "99 * * * *" })).toThrow("配置错误：NIGHTLY_CLEANUP_CRON 无效（不是有效的 cron 表达式，例如 */5 * * * *）");
  });
});

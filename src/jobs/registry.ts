import type { Config } from "../config.ts";
import { postDailyDigest, postMonthlyDigest, postWeeklyDigest } from "../features/stats/digests.ts";
import type { MessageServiceDeps } from "../features/handleMessage.ts";
import { runSlaSweep } from "../features/escalation/slaSweep.ts";
import { runMeetingReminders, runRecurringMeetings } from "../features/meetings/jobs.ts";

/** Every job is a plain async function of `now`; the scheduler and `npm run job` both call it. */
export interface Job {
  description: string;
  /** The configuration setting holding its cron expression. */
  schedule: keyof Pick<
    Config,
    "SLA_SWEEP_CRON" | "DIGEST_DAILY_CRON" | "DIGEST_WEEKLY_CRON" | "DIGEST_MONTHLY_CRON" | "MEETING_REMINDERS_CRON" | "RECURRING_MEETINGS_CRON"
  >;
  run: (deps: MessageServiceDeps, now: Date) => Promise<object>;
}

export const JOBS = {
  sla: { description: "限时督办: chase, escalate, remind to rate, close unrated", schedule: "SLA_SWEEP_CRON", run: runSlaSweep },
  "digest-daily": { description: "日互通: new and overdue tickets to work groups", schedule: "DIGEST_DAILY_CRON", run: postDailyDigest },
  "digest-weekly": { description: "周研判: last week's figures to work groups", schedule: "DIGEST_WEEKLY_CRON", run: postWeeklyDigest },
  "digest-monthly": { description: "月复盘 and 晒单: last month's figures", schedule: "DIGEST_MONTHLY_CRON", run: postMonthlyDigest },
  reminders: { description: "议事会 reminders, decision follow-up, publication chase", schedule: "MEETING_REMINDERS_CRON", run: runMeetingReminders },
  "recurring-meetings": { description: "例会: create and announce the next meetings", schedule: "RECURRING_MEETINGS_CRON", run: runRecurringMeetings },
} satisfies Record<string, Job>;

export type JobName = keyof typeof JOBS;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

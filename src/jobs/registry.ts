import type { Config } from "../config.ts";
import { postDailyDigest, postMonthlyDigest, postWeeklyDigest } from "../features/stats/digests.ts";
import type { MessageServiceDeps } from "../features/handleMessage.ts";
import { runSlaSweep } from "../features/escalation/slaSweep.ts";
import { runMeetingReminders, runRecurringMeetings } from "../features/meetings/jobs.ts";
import { releaseUncollectedOrders } from "../features/rewards/release.ts";

/**
 * A job is one declaration here: its name (what `npm run job -- <name>` and `POST /api/jobs/:name` take), what
 * it does, its default schedule and its handler, a plain async function of `now`. Its schedule is overridden
 * by the setting its name gives (`scheduleSettingOf`: digest-daily → DIGEST_DAILY_CRON); nothing else to add.
 */
export interface Job {
  description: string;
  /** A cron expression, in TZ. */
  defaultSchedule: string;
  run: (deps: MessageServiceDeps, now: Date) => Promise<object>;
  /** The setting an older release read the schedule from, still read when the derived one is not given. */
  formerSetting?: string;
  /**
   * How long a run may take, at most (default 30 minutes): the job's lock is held that long, so a run whose
   * process died gives the job up then (jobs/runner.ts).
   */
  maxRunMinutes?: number;
}

export const DEFAULT_MAX_RUN_MINUTES = 30;

export function maxRunMsOf(job: Job): number {
  return (job.maxRunMinutes ?? DEFAULT_MAX_RUN_MINUTES) * 60_000;
}

export const JOBS = {
  sla: {
    description: "限时督办: chase, escalate, remind to rate, close unrated",
    defaultSchedule: "*/5 * * * *",
    run: runSlaSweep,
    formerSetting: "SLA_SWEEP_CRON",
  },
  "digest-daily": { description: "日互通: new and overdue tickets to work groups", defaultSchedule: "0 8 * * *", run: postDailyDigest },
  "digest-weekly": { description: "周研判: last week's figures to work groups", defaultSchedule: "30 8 * * 1", run: postWeeklyDigest },
  "digest-monthly": { description: "月复盘 and 晒单: last month's figures", defaultSchedule: "0 9 1 * *", run: postMonthlyDigest },
  reminders: {
    description: "议事会 reminders, decision follow-up, publication chase",
    defaultSchedule: "* * * * *",
    run: runMeetingReminders,
    formerSetting: "MEETING_REMINDERS_CRON",
  },
  "recurring-meetings": { description: "例会: create and announce the next meetings", defaultSchedule: "0 * * * *", run: runRecurringMeetings },
  "rewards-release": {
    description: "积分兑换: release orders not collected in time (points and stock back)",
    defaultSchedule: "*/15 * * * *",
    run: releaseUncollectedOrders,
  },
} satisfies Record<string, Job>;

export type JobName = keyof typeof JOBS;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/** The setting that overrides a job's schedule, derived from its name: `digest-daily` → `DIGEST_DAILY_CRON`. */
export function scheduleSettingOf(name: string): string {
  return `${name.toUpperCase().replaceAll("-", "_")}_CRON`;
}

/** A job's schedule: its setting, else the setting it had before, else its default. */
export function scheduleOf(name: string, job: Job, config: Pick<Config, "CRON_SETTINGS">): string {
  const settings = config.CRON_SETTINGS;
  return settings[scheduleSettingOf(name)] ?? (job.formerSetting ? settings[job.formerSetting] : undefined) ?? job.defaultSchedule;
}

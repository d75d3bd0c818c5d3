/** What an operator reads when a job's instant is refused (`npm run job`, `POST /api/jobs/:name`). */

const FORCE_HINT = '确实要这样做，请加 --force-instant（接口：{"force": true}）。';

export const usage = (jobs: readonly string[]): string => `用法：npm run job -- <${jobs.join("|")}> [--at <ISO 时间>] [--force-instant]`;

export const instantUnreadable = (value: string): string => `不是有效的 ISO 时间：${value}（例如 2026-11-25 或 2026-11-25T10:00:00+08:00，年份四位）`;

export const instantOutOfRange = (value: string): string => `任务时间须在 2000-01-01 与 2100-01-01 之间：${value}`;

export const instantAhead = (at: Date, now: Date): string =>
  `任务时间 ${at.toISOString()} 比现在（${now.toISOString()}）晚一天以上：任务会按未来的时间督办工单、发送通知。${FORCE_HINT}`;

export const instantBeforeData = (at: Date, firstData: Date): string =>
  `任务时间 ${at.toISOString()} 早于本部署最早的数据（${firstData.toISOString()}）：任务会按过去的时间补发通知和汇总。${FORCE_HINT}`;

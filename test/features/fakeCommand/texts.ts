/** The fake 催办 command's wording, kept apart as a feature's texts.ts is. */
export const NUDGED = (n: number, assignee: string | null) => `已催办工单 #${n}${assignee ? `，请${assignee}尽快处理` : ""}。`;
export const NUDGE_STAFF_ONLY = (n: number) => `只有工作人员可以催办工单 #${n}。`;

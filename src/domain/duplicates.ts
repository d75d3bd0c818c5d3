import { keywordOverlap, textSimilarity } from "../text/similarity.ts";

export const DUPLICATE_WINDOW_DAYS = 7;

export interface DuplicateCandidate {
  number: number;
  category: string;
  building: string | null;
  text: string;
  createdAt: Date;
}

export interface ReportForMatching {
  category: string;
  building: string | null;
  content: string;
  /** The report category's keywords: sharing them ("电梯" + "坏了") is the strongest sign of the same matter. */
  keywords: readonly string[];
}

/**
 * The open ticket a new report repeats, if any: same estate (the caller passes only that estate's open
 * tickets), same category and building, reported within seven days, and similar wording. Without a
 * building on either side the wording must be closer, since "门口垃圾没人清" could be any gate.
 * Similar wording means the same category keywords, or enough shared characters.
 */
export function findDuplicate<T extends DuplicateCandidate>(report: ReportForMatching, candidates: readonly T[], now: Date): T | undefined {
  const earliest = now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000;
  let best: { ticket: T; score: number } | undefined;
  for (const ticket of candidates) {
    if (ticket.createdAt.getTime() < earliest || ticket.category !== report.category) continue;
    if ((ticket.building ?? null) !== (report.building ?? null)) continue;
    const score = Math.max(keywordOverlap(ticket.text, report.content, report.keywords), textSimilarity(ticket.text, report.content));
    const threshold = report.building ? 0.5 : 0.6;
    if (score >= threshold && (!best || score > best.score)) best = { ticket, score };
  }
  return best?.ticket;
}

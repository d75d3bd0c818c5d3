import type { Rating } from "../domain/types.ts";
import { cleanArgument } from "./commandSyntax.ts";

/** Small readers several commands' grammars share. */

/** A person named in an argument, with or without the @. */
export const person = (argument: string): string => argument.replace(/^@/, "").trim();

/** The fields when the argument is there, otherwise null (the user gets the usage line). */
export const required = <T>(argument: string, fields: T): T | null => (argument ? fields : null);

/** An argument without the linking word before it: "改色 12 为红" → "红". */
export const withoutLinkWord = (argument: string): string => argument.replace(/^(为|成|到)\s*/, "").trim();

const RATING_WORDS: [RegExp, Rating][] = [
  [/^(很不满意|非常不满意|不满意|差评)/, "unsatisfied"],
  [/^(基本满意|还行|一般|还可以)/, "basically_satisfied"],
  [/^(非常满意|很满意|满意|好评)/, "satisfied"],
];

export interface RatingArguments {
  ticket: number;
  rating: Rating;
  comment: string | null;
}

/** A rating and its comment: 满意, 基本满意 or 不满意, then any words. */
export function readRating(ticket: number, argument: string): RatingArguments | null {
  for (const [pattern, rating] of RATING_WORDS) {
    const match = pattern.exec(argument);
    if (match) return { ticket, rating, comment: cleanArgument(argument.slice(match[0].length)) || null };
  }
  return null;
}

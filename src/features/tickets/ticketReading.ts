import type { Models } from "../../bot/classifier/models.ts";
import { topicsOf } from "../../bot/classifier/topics.ts";
import { readDanger } from "../../bot/danger.ts";
import { normalizeForReading } from "../../bot/normalize.ts";
import type { DuplicateCandidate } from "../../domain/duplicates.ts";

/** What the duplicate matching reads in an open ticket's words beyond its place. */
export type TicketReading = Pick<DuplicateCandidate, "danger" | "hazard" | "topics">;

/** Readings kept per set of models (tests and `models-ours` bring other sets); the oldest goes first past the bound. */
const readings = new WeakMap<Models, Map<string, TicketReading>>();
export const REMEMBERED_READINGS = 5_000;

/**
 * An open ticket's words read as a new report's are: the danger they tell and what they are about. A ticket is a
 * candidate for every report of its estate for a week, and its words do not change, so each is read once a process.
 */
export function ticketReading(text: string, models: Models): TicketReading {
  let known = readings.get(models);
  if (!known) {
    known = new Map<string, TicketReading>();
    readings.set(models, known);
  }
  const remembered = known.get(text);
  if (remembered) return remembered;
  const reading = readTicket(text, models);
  if (known.size >= REMEMBERED_READINGS) known.delete(known.keys().next().value!);
  known.set(text, reading);
  return reading;
}

/** The reading itself, afresh each time (ticketReading remembers it). */
export function readTicket(text: string, models: Models): TicketReading {
  const words = normalizeForReading(text);
  const danger = readDanger(words, models);
  return { danger: danger?.tier ?? null, hazard: danger?.hazard ?? null, topics: topicsOf(words, models) };
}

import { normalizeForReading } from "../../bot/normalize.ts";
import { detectDanger } from "../../bot/urgency.ts";

/**
 * The danger a stored ticket's words name, read as a new message is read (normalised: traditional characters,
 * voice slips), so 待办's ⚠️ and the county's department rule agree with what the report was filed as.
 */
export function dangerInTicket(text: string) {
  return detectDanger(normalizeForReading(text));
}

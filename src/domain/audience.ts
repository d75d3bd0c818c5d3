import { STAFF_ROLES, type Role } from "./types.ts";

/** Who reads a post: the members of a group of a kind ("residents", "staff"), or for a private reply, one member. */
export interface Readers {
  groupKind: string;
  /** A private reply's one reader, by his role in the group it is filed under; undefined for a group post. */
  privateReader?: Role | null;
}

/**
 * Whether residents' phone numbers are shown in full to these readers. Staff call a reporter back, so a
 * work group reads them whole, and so does a staff member's private reply; a residents' group, a
 * resident's private reply and any group of an unknown kind read them masked (138****5678).
 * The admin API, read by operators, shows them whole; logs never do (logger.ts). A company's 400/800
 * service number is nobody's own: every reader sees it as written (text/mask.ts).
 */
export function readsPhoneNumbersInFull(readers: Readers): boolean {
  return audienceOf(readers) === "staff";
}

/** Who reads: staff (working terms, numbers whole) or residents (plain words, numbers masked). */
export type Audience = "residents" | "staff";

/** Staff are a work group, or a staff member's private reply; everyone else reads as a resident. */
export function audienceOf(readers: Readers): Audience {
  if (readers.privateReader !== undefined) return readers.privateReader !== null && STAFF_ROLES.has(readers.privateReader) ? "staff" : "residents";
  return readers.groupKind === "staff" ? "staff" : "residents";
}

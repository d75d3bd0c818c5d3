/** The words of the 12345 hand-off in a ticket's history (一事一档). */

/** The actor of the hand-off's history entry. */
export const HAND_OFF_ACTOR = "12345平台";

export const handOffNote = (reference: string | null, status: number) =>
  reference ? `已转交12345平台，受理编号：${reference}` : `已转交12345平台（对方答复 HTTP ${status}，未给受理编号）`;

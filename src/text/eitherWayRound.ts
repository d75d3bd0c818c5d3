/**
 * One side is this and the other that, whichever side is which: 充电桩坏了 beside 充电桩太贵, or the other way round.
 * The five duplicate rules that part a pair by what each side says alone ask it so.
 */
export function eitherWayRound<Side>(left: Side, right: Side, one: (side: Side) => boolean, other: (side: Side) => boolean): boolean {
  return (one(left) && other(right)) || (one(right) && other(left));
}

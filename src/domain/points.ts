/** Why an award by staff (积分 奖励) is refused, or null when it may be given. */
export type AwardRefusal = "range" | "self" | "property" | "staffTarget" | "monthlyCap";

export interface AwardRequest {
  points: number;
  /** The most one award may give (policy points.maxAward). */
  maxAward: number;
  /** The most one person may receive from all staff awards together in a calendar month (policy points.monthlyAwardCap). */
  monthlyCap: number;
  /** What staff have already awarded this person this month. */
  awardedThisMonth: number;
  self: boolean;
  /** The giver is the property company (domain/permissions.ts actsAsPropertyCompany). */
  giverIsPropertyCompany: boolean;
  /** The receiver holds a staff role somewhere. */
  targetIsStaff: boolean;
}

/**
 * Points reward residents' participation, so staff never award staff, the property company (whose work
 * residents judge) never awards anyone, and what one person receives from staff awards is capped per month,
 * so three awards in a row cannot make a leader.
 */
export function awardRefusal(request: AwardRequest): AwardRefusal | null {
  if (request.points < 1 || request.points > request.maxAward) return "range";
  if (request.self) return "self";
  if (request.giverIsPropertyCompany) return "property";
  if (request.targetIsStaff) return "staffTarget";
  if (request.awardedThisMonth + request.points > request.monthlyCap) return "monthlyCap";
  return null;
}

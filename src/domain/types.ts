/** The vocabulary shared by bot, domain and features. Ids are stable; Chinese labels are what users read. */

export const LEVELS = ["estate", "community", "subdistrict", "county"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = {
  estate: "小区",
  community: "社区",
  subdistrict: "街道",
  county: "区县部门",
};

export const COLOURS = ["red", "orange", "yellow", "blue"] as const;
export type Colour = (typeof COLOURS)[number];
export const COLOUR_LABELS: Record<Colour, string> = {
  red: "红色·紧急",
  orange: "橙色·复杂",
  yellow: "黄色·一般",
  blue: "蓝色·咨询建议",
};

export const ROLES = ["resident", "secretary", "grid_worker", "moderator", "property", "department"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  resident: "居民",
  secretary: "书记",
  grid_worker: "网格员",
  moderator: "话事员",
  property: "物业",
  department: "部门",
};
export const STAFF_ROLES: ReadonlySet<Role> = new Set(["secretary", "grid_worker", "moderator", "property", "department"]);
/** Who a work group's 督办 and escalation notices @: its secretaries and grid workers, and at the county its departments' dispatchers. */
export const RESPONSIBLE_ROLES: readonly Role[] = ["secretary", "grid_worker", "department"];

export const TICKET_STATUSES = ["reported", "accepted", "assigned", "resolved", "closed", "rejected", "withdrawn"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const STATUS_LABELS: Record<TicketStatus, string> = {
  reported: "待受理",
  accepted: "已受理",
  assigned: "办理中",
  resolved: "已办结",
  closed: "已评价",
  rejected: "不予受理",
  withdrawn: "已撤回",
};
export const OPEN_STATUSES: ReadonlySet<TicketStatus> = new Set(["reported", "accepted", "assigned"]);

export const OUTCOMES = ["fixed", "cannot_fix", "transferred"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  fixed: "已解决",
  cannot_fix: "无法解决",
  transferred: "非本级职责·已转办",
};

export const RATINGS = ["satisfied", "basically_satisfied", "unsatisfied"] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  unsatisfied: "不满意",
};

export interface Location {
  building?: string;
  unitNo?: string;
  room?: string;
  /** The estate's phase and zone, where it has them: "二期", "B区". */
  phase?: string;
  zone?: string;
  /** A gate or a garage's way in or out: "东门", "地下车库入口", "车库B区". */
  spot?: string;
  /** A readable rendering, e.g. "3号楼2单元301室", "二期B区5号楼", "东门". */
  text?: string;
}

import { describe, expect, it } from "vitest";
import {
  actsAsPropertyCompany,
  assignsComplaintToItself,
  authorizeTicketAction,
  canView,
  grantableRoles,
  propertyConflict,
  roleGrantRefusal,
  type Authority,
  type TicketScope,
} from "../../src/domain/permissions.ts";
import { Refusal } from "../../src/domain/refusal.ts";

const scope: TicketScope = {
  number: 5,
  reporterId: "u-zhang",
  followerIds: new Set(["u-liu"]),
  unitAncestry: ["xq-yangguang", "sq-xingfu", "jd-chengguan"],
};
const authority = (memberId: string, staff: string[], member: string[]): Authority => ({
  memberId,
  staffUnitIds: new Set(staff),
  memberUnitIds: new Set([...staff, ...member]),
});

const reporter = authority("u-zhang", [], ["xq-yangguang"]);
const neighbour = authority("u-chen", [], ["xq-yangguang"]);
const outsider = authority("u-zhao", [], ["xq-lijing"]);
const estateSecretary = authority("u-li", ["xq-yangguang"], []);
const communityGridWorker = authority("u-wang", ["sq-xingfu"], []);
const otherEstateSecretary = authority("u-x", ["xq-lijing"], []);

const STAFF_ACTIONS = ["accept", "assign", "escalate", "resolve", "reject"] as const;

describe("ticket permissions", () => {
  for (const action of STAFF_ACTIONS) {
    it(`lets staff of the estate or any unit above it ${action}, and no one else`, () => {
      expect(() => authorizeTicketAction(estateSecretary, scope, action)).not.toThrow();
      expect(() => authorizeTicketAction(communityGridWorker, scope, action)).not.toThrow();
      for (const who of [reporter, neighbour, outsider, otherEstateSecretary]) {
        expect(() => authorizeTicketAction(who, scope, action)).toThrow(Refusal);
      }
    });
  }

  it("lets only the reporter rate", () => {
    expect(() => authorizeTicketAction(reporter, scope, "rate")).not.toThrow();
    expect(() => authorizeTicketAction(estateSecretary, scope, "rate")).toThrow("只有反映人本人可以评价");
    expect(() => authorizeTicketAction(neighbour, scope, "rate")).toThrow(Refusal);
  });

  it("lets the reporter or staff withdraw", () => {
    expect(() => authorizeTicketAction(reporter, scope, "withdraw")).not.toThrow();
    expect(() => authorizeTicketAction(estateSecretary, scope, "withdraw")).not.toThrow();
    expect(() => authorizeTicketAction(neighbour, scope, "withdraw")).toThrow(Refusal);
  });

  it("tells a resident of the estate how to follow the matter instead", () => {
    expect(() => authorizeTicketAction(neighbour, scope, "accept")).toThrow("发「进度 5」查看进展");
    expect(() => authorizeTicketAction(outsider, scope, "accept")).toThrow("不在您负责的范围内");
  });

  it("shows a ticket to its estate's residents, its followers and staff above it, not to other estates", () => {
    expect(canView(neighbour, scope)).toBe(true);
    expect(canView(authority("u-liu", [], []), scope)).toBe(true);
    expect(canView(communityGridWorker, scope)).toBe(true);
    expect(canView(outsider, scope)).toBe(false);
    expect(canView(otherEstateSecretary, scope)).toBe(false);
  });
});

describe("role ceilings", () => {
  it("lets a grid worker name residents, moderators and grid workers, a secretary up to secretary", () => {
    expect(grantableRoles("grid_worker")).toEqual(["resident", "moderator", "grid_worker"]);
    expect(grantableRoles("secretary")).toEqual(["resident", "moderator", "grid_worker", "property", "secretary"]);
    expect(grantableRoles("resident")).toEqual(["resident"]);
  });

  it("refuses a role above the granter's own, and any change to someone ranked above the granter", () => {
    expect(roleGrantRefusal({ granter: "grid_worker", role: "department", targetRole: "resident", self: false })).toBe("aboveOwn");
    expect(roleGrantRefusal({ granter: "grid_worker", role: "property", targetRole: null, self: false })).toBe("aboveOwn");
    expect(roleGrantRefusal({ granter: "grid_worker", role: "moderator", targetRole: "resident", self: false })).toBeNull();
    expect(roleGrantRefusal({ granter: "grid_worker", role: "resident", targetRole: "secretary", self: false })).toBe("targetAbove");
    expect(roleGrantRefusal({ granter: "secretary", role: "secretary", targetRole: "resident", self: false })).toBeNull();
    expect(roleGrantRefusal({ granter: "secretary", role: "department", targetRole: "resident", self: false })).toBe("aboveOwn");
  });

  it("lets nobody raise their own role, not even an operator, who grants anything to others", () => {
    expect(roleGrantRefusal({ granter: "grid_worker", role: "secretary", targetRole: "grid_worker", self: true })).toBe("raisesSelf");
    expect(roleGrantRefusal({ granter: "operator", role: "secretary", targetRole: "resident", self: true })).toBe("raisesSelf");
    expect(roleGrantRefusal({ granter: "operator", role: "department", targetRole: "resident", self: false })).toBeNull();
    expect(roleGrantRefusal({ granter: "secretary", role: "resident", targetRole: "secretary", self: true })).toBeNull();
  });
});

describe("the property company's conflicts of interest", () => {
  const ancestry = ["xq-yangguang", "sq-xingfu"];
  it("is the property company only without a secretary's role where the ticket is", () => {
    expect(actsAsPropertyCompany([{ unitId: "xq-yangguang", role: "property" }], ancestry)).toBe(true);
    expect(actsAsPropertyCompany([{ unitId: "xq-lijing", role: "property" }], ancestry)).toBe(false);
    expect(
      actsAsPropertyCompany(
        [
          { unitId: "xq-yangguang", role: "property" },
          { unitId: "sq-xingfu", role: "secretary" },
        ],
        ancestry,
      ),
    ).toBe(false);
  });

  it("never rates, records a 回访 or awards points; never handles a complaint about its service; never turns a repair away", () => {
    for (const step of ["rate", "revisit", "award"] as const) expect(propertyConflict(step, "sanitation")).toBe(true);
    for (const step of ["accept", "assign", "escalate", "resolve", "reject"] as const) expect(propertyConflict(step, "property")).toBe(true);
    expect(propertyConflict("reject", "repair")).toBe(true);
    expect(propertyConflict("resolve", "repair")).toBe(false);
    expect(propertyConflict("accept", "sanitation")).toBe(false);
    expect(assignsComplaintToItself("property", true)).toBe(true);
    expect(assignsComplaintToItself("repair", true)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { publicAddress, statusNotes, withoutPersons } from "../../../src/features/open311/requestView.ts";
import { UnitTree } from "../../../src/domain/units.ts";
import type { TicketRecord } from "../../../src/store/tickets.ts";

const units = new UnitTree([
  { id: "sq", name: "幸福社区", level: "community", parentId: null },
  { id: "xq", name: "阳光花园", level: "estate", parentId: "sq" },
]);

describe("what a ticket shows another system", () => {
  it("names the estate and building, never the flat", () => {
    expect(publicAddress({ unitId: "xq", building: "3", unitNo: "2" }, units)).toBe("阳光花园3号楼2单元");
    expect(publicAddress({ unitId: "xq", building: "A座", unitNo: null }, units)).toBe("阳光花园A座");
    expect(publicAddress({ unitId: "xq", building: null, unitNo: "2" }, units)).toBe("阳光花园");
  });

  it("writes known people's names as 张**, phone numbers masked, and the flat's number as ***", () => {
    expect(withoutPersons("我是张阿姨，住301，电话13812345678，1301不是我家", ["张阿姨", "李"], "301")).toBe("我是张**，住***，电话138****5678，1301不是我家");
    expect(withoutPersons("欧阳娜娜和欧阳说", ["欧阳", "欧阳娜娜"], null)).toBe("欧***和欧*说");
    expect(withoutPersons("三零一室漏水", [], "三零一")).toBe("三零一室漏水");
  });

  it("tells our own state and outcome in status_notes", () => {
    const ticket = { status: "resolved", outcome: "fixed", resultNote: "孙物业已换灯泡", colour: "yellow", room: null } as TicketRecord;
    expect(statusNotes(ticket, ["孙物业"])).toBe("已办结（已解决）：孙**已换灯泡");
    expect(statusNotes({ ...ticket, status: "accepted", outcome: null, resultNote: null, colour: "red" })).toBe("已受理｜红色·紧急");
  });
});

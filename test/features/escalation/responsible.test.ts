import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadResponsible } from "../../../src/features/escalation/responsible.ts";
import { loadUnitTree } from "../../../src/store/org.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/testDatabase.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const ids = (groups: { id: string }[]) => groups.map((group) => group.id);

describe("who answers for tickets", () => {
  it("answers for an estate by its community's work group, and for the levels above by theirs", async () => {
    const units = await loadUnitTree(database.db);
    const responsible = await loadResponsible(database.db, units, ["xq-yangguang"]);
    expect(ids(responsible.staffGroupsFor("xq-yangguang"))).toEqual(["g-xingfu-staff"]);
    // Where an escalation sends it: read with it, without asking again.
    expect(ids(responsible.staffGroupsFor("jd-chengguan"))).toEqual(["g-chengguan-staff"]);
    expect(ids(responsible.staffGroupsFor("xx-lanling"))).toEqual(["g-lanling-staff"]);
    expect(await responsible.responsiblePeople(["g-xingfu-staff"], null)).toEqual(["u-li", "u-wang"]);
    expect(await responsible.responsiblePeople(["g-xingfu-staff"], "u-tian")).toEqual(["u-tian", "u-li", "u-wang"]);
    expect(await responsible.responsiblePeople(["g-lanling-staff"], null)).toEqual(["u-tian"]);
  });

  it("gives for many units, read at once, what it gives for each alone", async () => {
    const units = await loadUnitTree(database.db);
    const all = ["xq-yangguang", "xq-lijing", "sq-xingfu", "jd-chengguan", "xx-lanling"];
    const together = await loadResponsible(database.db, units, all);
    for (const unitId of all) {
      const alone = await loadResponsible(database.db, units, [unitId]);
      expect(together.staffGroupsFor(unitId)).toEqual(alone.staffGroupsFor(unitId));
      const groupIds = ids(alone.staffGroupsFor(unitId));
      expect(await together.responsiblePeople(groupIds, "u-zhang")).toEqual(await alone.responsiblePeople(groupIds, "u-zhang"));
    }
  });
});

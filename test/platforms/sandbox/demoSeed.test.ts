import { describe, expect, it } from "vitest";
import { DEMO, seedDemo } from "../../../src/platforms/sandbox/demoSeed.ts";
import { createTestDatabase } from "../../helpers/testDatabase.ts";
import { tables } from "../../helpers/tables.ts";

describe("the demo seed", () => {
  it("creates the whole demo on an empty database, and on a seeded one only what is missing or moved", async () => {
    const database = await createTestDatabase({ seed: false });
    const { db } = database;
    const counts = async () => ({
      units: await tables(db).unit.count(),
      groups: await tables(db).group.count(),
      members: await tables(db).member.count(),
      memberships: await tables(db).membership.count(),
    });
    await seedDemo(db);
    const full = { units: DEMO.units.length, groups: DEMO.groups.length, members: DEMO.members.length, memberships: DEMO.memberships.length };
    expect(await counts()).toEqual(full);

    await tables(db).membership.delete({ where: { groupId_memberId: { groupId: "g-yangguang", memberId: "u-liu" } } });
    await tables(db).unit.update({ where: { id: "jd-chengguan" }, data: { parentId: null } });
    await tables(db).member.update({ where: { id: "u-zhang" }, data: { name: "张阿姨（改名）" } });
    await seedDemo(db);
    expect(await counts()).toEqual(full);
    expect(await tables(db).unit.findUnique({ where: { id: "jd-chengguan" } })).toMatchObject({ parentId: "xx-lanling" });
    expect(await tables(db).membership.findUnique({ where: { groupId_memberId: { groupId: "g-yangguang", memberId: "u-liu" } } })).toMatchObject({
      role: "resident",
    });
    // Existing records are not overwritten: an operator's change to a demo member stays.
    expect(await tables(db).member.findUnique({ where: { id: "u-zhang" } })).toMatchObject({ name: "张阿姨（改名）" });
    await database.close();
  });
});

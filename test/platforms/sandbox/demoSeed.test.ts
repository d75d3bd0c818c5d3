import { describe, expect, it } from "vitest";
import { DEMO, seedDemo } from "../../../src/platforms/sandbox/demoSeed.ts";
import { createTestDatabase } from "../../helpers/testDatabase.ts";

describe("the demo seed", () => {
  it("creates the whole demo on an empty database, and on a seeded one only what is missing or moved", async () => {
    const database = await createTestDatabase({ seed: false });
    const { db } = database;
    const counts = async () => ({
      units: await db.unit.count(),
      groups: await db.group.count(),
      members: await db.member.count(),
      memberships: await db.membership.count(),
    });
    await seedDemo(db);
    const full = { units: DEMO.units.length, groups: DEMO.groups.length, members: DEMO.members.length, memberships: DEMO.memberships.length };
    expect(await counts()).toEqual(full);

    await db.membership.delete({ where: { groupId_memberId: { groupId: "g-yangguang", memberId: "u-liu" } } });
    await db.unit.update({ where: { id: "jd-chengguan" }, data: { parentId: null } });
    await db.member.update({ where: { id: "u-zhang" }, data: { name: "张阿姨（改名）" } });
    await seedDemo(db);
    expect(await counts()).toEqual(full);
    expect(await db.unit.findUnique({ where: { id: "jd-chengguan" } })).toMatchObject({ parentId: "xx-lanling" });
    expect(await db.membership.findUnique({ where: { groupId_memberId: { groupId: "g-yangguang", memberId: "u-liu" } } })).toMatchObject({ role: "resident" });
    // Existing records are not overwritten: an operator's change to a demo member stays.
    expect(await db.member.findUnique({ where: { id: "u-zhang" } })).toMatchObject({ name: "张阿姨（改名）" });
    await database.close();
  });
});

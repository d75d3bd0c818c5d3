import type { Role } from "../../domain/types.ts";
import type { Database } from "../../store/database.ts";
import { SANDBOX } from "./decode.ts";

/**
 * The demo a newcomer talks to in the sandbox: a county above one sub-district, one community and two
 * estates, so a matter can climb all four levels; a residents' group per estate and a work group at
 * the community, sub-district and county, with staff and a few residents.
 */
export const DEMO = {
  units: [
    { id: "xx-lanling", name: "兰陵县", level: "county", parentId: null },
    { id: "jd-chengguan", name: "城关街道", level: "subdistrict", parentId: "xx-lanling" },
    { id: "sq-xingfu", name: "幸福社区", level: "community", parentId: "jd-chengguan" },
    { id: "xq-yangguang", name: "阳光花园", level: "estate", parentId: "sq-xingfu" },
    { id: "xq-lijing", name: "丽景苑", level: "estate", parentId: "sq-xingfu" },
  ],
  groups: [
    { id: "g-yangguang", name: "阳光花园居民议事群", kind: "residents", unitId: "xq-yangguang" },
    { id: "g-lijing", name: "丽景苑居民议事群", kind: "residents", unitId: "xq-lijing" },
    { id: "g-xingfu-staff", name: "幸福社区工作群", kind: "staff", unitId: "sq-xingfu" },
    { id: "g-chengguan-staff", name: "城关街道工作群", kind: "staff", unitId: "jd-chengguan" },
    { id: "g-lanling-staff", name: "兰陵县12345联动群", kind: "staff", unitId: "xx-lanling" },
  ],
  members: [
    { id: "u-li", name: "李书记" },
    { id: "u-wang", name: "王网格" },
    { id: "u-zhou", name: "周话事" },
    { id: "u-sun", name: "孙物业" },
    { id: "u-zhang", name: "张阿姨" },
    { id: "u-liu", name: "刘大爷" },
    { id: "u-chen", name: "陈先生" },
    { id: "u-zhao", name: "赵女士" },
    { id: "u-ma", name: "马主任" },
    { id: "u-tian", name: "田调度" },
  ],
  memberships: [
    ["g-xingfu-staff", "u-li", "secretary"],
    ["g-xingfu-staff", "u-wang", "grid_worker"],
    ["g-yangguang", "u-li", "secretary"],
    ["g-yangguang", "u-wang", "grid_worker"],
    ["g-yangguang", "u-zhou", "moderator"],
    ["g-yangguang", "u-sun", "property"],
    ["g-yangguang", "u-zhang", "resident"],
    ["g-yangguang", "u-liu", "resident"],
    ["g-yangguang", "u-chen", "resident"],
    ["g-lijing", "u-li", "secretary"],
    ["g-lijing", "u-wang", "grid_worker"],
    ["g-lijing", "u-zhao", "resident"],
    ["g-chengguan-staff", "u-ma", "secretary"],
    ["g-lanling-staff", "u-tian", "department"],
  ] as [string, string, Role][],
} as const;

/**
 * Creates the demo records that are missing (units, and the sandbox's groups and members); safe to run on
 * every start. What exists is read first, in four queries, and only what is missing is written: every write
 * is a statement Prisma prepares anew, and writing all forty records each time made seeding the slowest
 * step of a start.
 */
export async function seedDemo(db: Database): Promise<void> {
  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
  const existingUnits = await db.unit.findMany({ where: { id: { in: ids(DEMO.units) } }, select: { id: true, parentId: true } });
  const unitParents = new Map(existingUnits.map((unit) => [unit.id, unit.parentId]));
  for (const unit of DEMO.units) {
    if (unitParents.get(unit.id) === unit.parentId) continue;
    await db.unit.upsert({ where: { id: unit.id }, create: { ...unit }, update: { parentId: unit.parentId } });
  }
  const groups = new Set(ids(await db.group.findMany({ where: { id: { in: ids(DEMO.groups) } }, select: { id: true } })));
  for (const group of DEMO.groups) {
    if (groups.has(group.id)) continue;
    await db.group.upsert({ where: { id: group.id }, create: { ...group, platform: SANDBOX, chatId: group.id }, update: {} });
  }
  const members = new Set(ids(await db.member.findMany({ where: { id: { in: ids(DEMO.members) } }, select: { id: true } })));
  for (const member of DEMO.members) {
    if (members.has(member.id)) continue;
    await db.member.upsert({ where: { id: member.id }, create: { ...member, platform: SANDBOX, platformUserId: member.id }, update: {} });
  }
  const existingMemberships = await db.membership.findMany({ where: { groupId: { in: ids(DEMO.groups) } }, select: { groupId: true, memberId: true } });
  const memberships = new Set(existingMemberships.map((membership) => `${membership.groupId} ${membership.memberId}`));
  for (const [groupId, memberId, role] of DEMO.memberships) {
    if (memberships.has(`${groupId} ${memberId}`)) continue;
    await db.membership.upsert({ where: { groupId_memberId: { groupId, memberId } }, create: { groupId, memberId, role }, update: {} });
  }
}

import type { Role } from "../../domain/types.ts";
import type { Database } from "../../store/database.ts";
import { ensureOrganisation } from "../../store/orgSeed.ts";
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
 * every start: what exists is read first and only what is missing is written (store/orgSeed.ts).
 */
export async function seedDemo(db: Database): Promise<void> {
  await ensureOrganisation(
    db,
    {
      units: DEMO.units,
      groups: DEMO.groups.map((group) => ({ ...group, platform: SANDBOX, chatId: group.id })),
      members: DEMO.members.map((member) => ({ ...member, platform: SANDBOX, platformUserId: member.id })),
      memberships: DEMO.memberships,
    },
    new Date(),
  );
}

import type { Database } from "../../src/store/database.ts";
import { updateGroupPush } from "../../src/store/org.ts";
import { ensureOrganisation } from "../../src/store/orgSeed.ts";

/** The run's county: communities, one estate under each, a residents' chat per estate and a work group per community. */
export interface RunOrganisation {
  estates: { unitId: string; chatId: string }[];
  /** The robot key of each community's work group: where the fake platform receives its posts. */
  staffKeys: Map<string, string>;
}

/**
 * Writes the run's county into a migrated database: `communities` communities under one county, each with one
 * estate whose residents' chat is a WeCom robot chat, and a work group whose robot webhook key the fake platform
 * records. Each community's work group gets its own key, so that the outbox's per-robot rate (20 a minute)
 * lets a run's notices out within a minute.
 */
export async function seedRunOrganisation(db: Database, communities: number): Promise<RunOrganisation> {
  const indexes = Array.from({ length: communities }, (_, i) => i + 1);
  await ensureOrganisation(
    db,
    {
      units: [
        { id: "mi-county", name: "多实例县", level: "county", parentId: null },
        { id: "mi-subdistrict", name: "多实例街道", level: "subdistrict", parentId: "mi-county" },
        ...indexes.flatMap((i) => [
          { id: `mi-community-${i}`, name: `第${i}社区`, level: "community", parentId: "mi-subdistrict" },
          { id: `mi-estate-${i}`, name: `第${i}小区`, level: "estate", parentId: `mi-community-${i}` },
        ]),
        // Bound to a chat only during the run, through one instance's admin API (organisationChange.ts).
        { id: "mi-estate-late", name: "新小区", level: "estate", parentId: "mi-community-1" },
      ],
      groups: indexes.flatMap((i) => [
        { id: `mi-residents-${i}`, name: `第${i}小区居民群`, kind: "residents", unitId: `mi-estate-${i}`, platform: "wecom", chatId: `mi-chat-${i}` },
        { id: `mi-staff-${i}`, name: `第${i}社区工作群`, kind: "staff", unitId: `mi-community-${i}`, platform: "wecom", chatId: `mi-staff-chat-${i}` },
      ]),
      members: [],
      memberships: [],
    },
    new Date(),
  );
  const staffKeys = new Map<string, string>();
  for (const i of indexes) {
    await updateGroupPush(db, `mi-staff-${i}`, { pushKey: `mi-key-${i}`, pushSecret: null });
    staffKeys.set(`mi-staff-${i}`, `mi-key-${i}`);
  }
  return { estates: indexes.map((i) => ({ unitId: `mi-estate-${i}`, chatId: `mi-chat-${i}` })), staffKeys };
}

/**
 * The policy the instances run with: every colour's new matter is announced in its community's work group, so
 * that each report queues one post in the outbox (by default only orange and red ones do).
 */
export const RUN_POLICY = {
  colours: Object.fromEntries(["red", "orange", "yellow", "blue"].map((colour) => [colour, { notifyLevelsOnCreate: ["community"] }])),
};

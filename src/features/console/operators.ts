import type { UnitTree } from "../../domain/units.ts";
import { outboxByGroup, requeueDeadOfGroup, unsentPostsOf } from "../../store/consoleOutbox.ts";
import type { Database } from "../../store/database.ts";
import { findGroup, listGroupsWithMembers } from "../../store/org.ts";
import type { ServiceSettings } from "../context.ts";
import { isOperator } from "../groups/admin.ts";
import { describePost } from "../outbox/admin.ts";
import { CONNECTION_LABELS, FAILURE_LABELS } from "./texts.ts";
import type { ConsoleViewer } from "./viewer.ts";

/** An operator is who the chat takes as one (BIND_OPERATORS, `platform:userId`): the same rule, by the signed-in member. */
export function viewerIsOperator(settings: ServiceSettings, viewer: ConsoleViewer): boolean {
  return viewer.operator && isOperator(settings, { platform: viewer.member.platform, userId: viewer.member.platformUserId });
}

const unitPath = (units: UnitTree, unitId: string) =>
  units
    .ancestry(unitId)
    .map((unit) => unit.name)
    .reverse()
    .join(" / ");

/** Every group that has something unsent or dead, by group: pending, paused, sending, dead by failure kind. */
export async function outboxOverview(db: Database, units: UnitTree, now: Date) {
  const [byGroup, groups] = await Promise.all([outboxByGroup(db, now), listGroupsWithMembers(db)]);
  const named = new Map(groups.map((group) => [group.id, group]));
  return byGroup.map((row) => {
    const group = named.get(row.groupId);
    return {
      ...row,
      groupName: group?.name ?? row.groupId,
      unit: group ? unitPath(units, group.unitId) : null,
      platform: group?.platform ?? null,
      oldestWaitingAt: row.oldestWaitingAt?.toISOString() ?? null,
      deadByKind: Object.entries(row.deadByKind).map(([kind, count]) => ({ kind, name: FAILURE_LABELS[kind] ?? kind, count })),
    };
  });
}

/** A group's unsent and dead posts, newest first, each with its failure's kind in words. */
export async function groupOutbox(db: Database, groupId: string) {
  const group = await findGroup(db, groupId);
  if (!group) return null;
  const posts = await unsentPostsOf(db, groupId, 200);
  return {
    group: { id: group.id, name: group.name },
    posts: posts.map((post) => ({ ...describePost(post), failureName: post.failure ? (FAILURE_LABELS[post.failure] ?? post.failure) : null })),
  };
}

/** Re-queues a group's dead letters (all of them, as new); null for an unknown group. */
export async function retryGroupDeadLetters(db: Database, groupId: string, now: Date): Promise<number | null> {
  if (!(await findGroup(db, groupId))) return null;
  return requeueDeadOfGroup(db, groupId, now);
}

/** The groups and the units they are bound to, with who holds which role there (counts), and whether a robot can post. */
export async function groupBindings(db: Database, units: UnitTree) {
  const groups = await listGroupsWithMembers(db);
  return groups.map((group) => {
    const roles: Record<string, number> = {};
    for (const member of group.members) roles[member.role] = (roles[member.role] ?? 0) + 1;
    return {
      id: group.id,
      name: group.name,
      kind: group.kind,
      platform: group.platform,
      chatId: group.chatId,
      unitId: group.unitId,
      unit: unitPath(units, group.unitId),
      level: group.unit.level,
      members: group.members.length,
      roles,
      // Whether a proactive post has a robot to go through; the credentials themselves are never shown.
      pushConfigured: Boolean(group.pushKey),
      calendarLink: Boolean(group.calendarToken),
    };
  });
}

/** A long connection as /readyz sees it: up, or down with its reason. */
export interface WatchedConnectionState {
  name: string;
  downReason(): string | undefined;
}

/** The platforms, and their long connections' state as /readyz knows it (a platform on callbacks has none to watch). */
export function connectionStates(platforms: readonly { name: string; longConnection: boolean }[], connections: readonly WatchedConnectionState[]) {
  return {
    platforms: platforms.map((platform) => ({
      name: platform.name,
      transport: platform.longConnection ? "longConnection" : "callback",
    })),
    connections: connections.map((connection) => {
      const reason = connection.downReason();
      return { name: connection.name, state: reason ? "down" : "up", stateName: CONNECTION_LABELS[reason ? "down" : "up"], reason: reason ?? null };
    }),
    callbackName: CONNECTION_LABELS.callback,
  };
}

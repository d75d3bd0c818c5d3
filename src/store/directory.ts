import type { Role } from "../domain/types.ts";
import { UnitTree, type UnitNode } from "../domain/units.ts";
import type { Connection } from "./connection.ts";
import type { GroupRecord, MemberRecord, MembershipRecord } from "./org.ts";

/**
 * The organisation in memory: units and groups (a county has a few hundred of each) whole, members and
 * their memberships as they are asked for. A message's lookups (its group, its sender, their roles, the
 * unit tree, the work groups to alert) then cost no SQL.
 *
 * It stays right by two counters. Statements this process runs that write units, groups, members or
 * memberships are counted as they run (Prisma's and the store's own; see connection.ts), so a change
 * made here is seen by the very next lookup, even inside the same transaction. Changes made by another
 * process (a seed script, a job run beside the server) bump the `OrgRevision` row through triggers; that
 * row is read when SQLite's `data_version` says another connection committed, checked at most every
 * few milliseconds. A transaction that rolls back after writing the organisation empties the cache.
 */
export class Directory {
  private structure: Structure | undefined;
  private readonly membersById = new Map<string, CachedMember | null>();
  private readonly memberIdsByPlatformUser = new Map<string, string | null>();
  private revision = { structure: -1, members: -1 };
  private seen = { dataVersion: -1, orgWrites: -1, at: -Infinity };
  private orgWritesAtLastRollback = 0;

  constructor(private readonly connection: Connection) {
    connection.rollbackHooks.add(() => {
      if (connection.orgWrites.count !== this.orgWritesAtLastRollback) this.forget();
      this.orgWritesAtLastRollback = connection.orgWrites.count;
    });
  }

  /** Brings the cache up to date with the database (see the class comment); cheap when nothing changed. */
  refresh(now = performance.now()): this {
    const { statements, orgWrites } = this.connection;
    const ownWritesSame = orgWrites.count === this.seen.orgWrites;
    if (ownWritesSame && now - this.seen.at < OTHER_PROCESSES_CHECK_MS) return this;
    const dataVersion = statements.get<{ data_version: number }>("PRAGMA data_version")!.data_version;
    if (ownWritesSame && dataVersion === this.seen.dataVersion) {
      this.seen.at = now;
      return this;
    }
    const revision = statements.get<{ structure: number; members: number }>('SELECT "structure", "members" FROM "OrgRevision" WHERE "id" = 1') ?? {
      structure: -2,
      members: -2,
    };
    if (revision.structure !== this.revision.structure) this.forget();
    else if (revision.members !== this.revision.members) this.forgetMembers();
    this.revision = revision;
    this.seen = { dataVersion, orgWrites: orgWrites.count, at: now };
    return this;
  }

  get units(): UnitTree {
    return this.loadStructure().units;
  }

  group(id: string): GroupRecord | null {
    return this.loadStructure().groupsById.get(id) ?? null;
  }

  groupByChat(platform: string, chatId: string): GroupRecord | null {
    return this.loadStructure().groupsByChat.get(chatKey(platform, chatId)) ?? null;
  }

  /** Every group, by id. */
  groups(): readonly GroupRecord[] {
    return this.loadStructure().groups;
  }

  /** The groups of one unit, by id. */
  groupsOfUnit(unitId: string): readonly GroupRecord[] {
    return this.loadStructure().groupsByUnit.get(unitId) ?? [];
  }

  member(id: string): CachedMember | null {
    let cached = this.membersById.get(id);
    if (cached === undefined) {
      cached = this.loadMember('WHERE m."id" = ?', [id]);
      this.remember(cached, id);
    }
    return cached;
  }

  memberByPlatformUser(platform: string, platformUserId: string): CachedMember | null {
    const key = chatKey(platform, platformUserId);
    const id = this.memberIdsByPlatformUser.get(key);
    if (id === null) return null;
    if (id !== undefined) return this.member(id);
    const loaded = this.loadMember('WHERE m."platform" = ? AND m."platformUserId" = ?', [platform, platformUserId]);
    this.memberIdsByPlatformUser.set(key, loaded?.member.id ?? null);
    if (loaded) this.remember(loaded, loaded.member.id);
    return loaded;
  }

  private remember(member: CachedMember | null, id: string) {
    if (this.membersById.size >= MAX_CACHED_MEMBERS) this.forgetMembers();
    this.membersById.set(id, member);
  }

  private loadMember(where: string, params: unknown[]): CachedMember | null {
    const rows = this.connection.statements.all<MemberRow>(
      `SELECT m."id", m."name", m."platform", m."platformUserId", ms."groupId", ms."role"
         FROM "Member" m LEFT JOIN "Membership" ms ON ms."memberId" = m."id" ${where} ORDER BY ms."groupId"`,
      params,
    );
    const first = rows[0];
    if (!first) return null;
    const member: MemberRecord = Object.freeze({ id: first.id, name: first.name, platform: first.platform, platformUserId: first.platformUserId });
    const memberships: MembershipRecord[] = [];
    for (const row of rows) {
      const group = row.groupId === null ? null : this.group(row.groupId);
      if (group) memberships.push(Object.freeze({ groupId: group.id, groupKind: group.kind, unitId: group.unitId, role: row.role as Role }));
    }
    return Object.freeze({ member, memberships: Object.freeze(memberships) });
  }

  private loadStructure(): Structure {
    if (this.structure) return this.structure;
    const { statements } = this.connection;
    const units = statements.all<UnitNode>('SELECT "id", "name", "level", "parentId" FROM "Unit"').map((unit) => ({ ...unit, level: unit.level }));
    const groups = statements
      .all<GroupRecord>(
        'SELECT "id", "name", "kind", "unitId", "platform", "chatId", "pushKey", "pushSecret", "calendarToken", "reminderOffsets" FROM "Group" ORDER BY "id"',
      )
      .map((group) => Object.freeze({ ...group }));
    const groupsByUnit = new Map<string, GroupRecord[]>();
    for (const group of groups) {
      const list = groupsByUnit.get(group.unitId);
      if (list) list.push(group);
      else groupsByUnit.set(group.unitId, [group]);
    }
    this.structure = {
      units: new UnitTree(units),
      groups,
      groupsById: new Map(groups.map((group) => [group.id, group])),
      groupsByChat: new Map(groups.map((group) => [chatKey(group.platform, group.chatId), group])),
      groupsByUnit,
    };
    return this.structure;
  }

  private forget() {
    this.structure = undefined;
    this.forgetMembers();
    this.revision = { structure: -1, members: -1 };
    this.seen = { dataVersion: -1, orgWrites: -1, at: -Infinity };
  }

  private forgetMembers() {
    this.membersById.clear();
    this.memberIdsByPlatformUser.clear();
  }
}

/** A member and every group they belong to, by group id. */
export interface CachedMember {
  member: MemberRecord;
  memberships: readonly MembershipRecord[];
}

interface Structure {
  units: UnitTree;
  groups: readonly GroupRecord[];
  groupsById: Map<string, GroupRecord>;
  groupsByChat: Map<string, GroupRecord>;
  groupsByUnit: Map<string, GroupRecord[]>;
}

interface MemberRow {
  id: string;
  name: string;
  platform: string;
  platformUserId: string;
  groupId: string | null;
  role: string | null;
}

/** How stale a change by another process may be seen (its commit is racing the message anyway). */
const OTHER_PROCESSES_CHECK_MS = 5;
/** Members kept at most; past this the member cache starts again (it refills from lookups). */
const MAX_CACHED_MEMBERS = 50_000;

const chatKey = (platform: string, id: string) => `${platform}\u0000${id}`;

const directories = new WeakMap<Connection, Directory>();

/** The connection's directory, brought up to date. */
export function directoryOn(connection: Connection): Directory {
  let directory = directories.get(connection);
  if (!directory) {
    directory = new Directory(connection);
    directories.set(connection, directory);
  }
  return directory.refresh();
}

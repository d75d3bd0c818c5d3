import { sql } from "kysely";
import type { Role } from "../domain/types.ts";
import { UnitTree, type UnitNode } from "../domain/units.ts";
import type { Database } from "./database.ts";
import type { OrgRevisionListener } from "./orgRevisionListener.ts";
import type { GroupRecord, MemberRecord, MembershipRecord } from "./org.ts";
import type { WebhookEndpointRecord } from "./webhookEndpoints.ts";

/**
 * The organisation in memory: units and groups (a county has a few hundred of each) whole, members and
 * their memberships as they are asked for. A message's lookups (its group, its sender, their roles, the
 * unit tree, the work groups to alert) then cost no SQL.
 *
 * It stays right by two counters. Statements this process runs that write units, groups, members or
 * memberships are counted as Kysely builds them (orgWrites.ts), so a change made here is seen by the very
 * next lookup, even inside the same transaction. Changes made by another process or instance bump the
 * `OrgRevision` row through triggers; on SQLite that row is read at most every few milliseconds, and only
 * when `PRAGMA data_version` says another connection committed; on PostgreSQL only when the triggers'
 * notification arrives (orgRevisionListener.ts), and by time as on SQLite while the listener is not
 * listening. A transaction that rolls back after writing the organisation empties the cache.
 */
export class Directory {
  private structure: Structure | undefined;
  private readonly membersById = new Map<string, CachedMember | null>();
  private readonly memberIdsByPlatformUser = new Map<string, string | null>();
  private revision = { structure: -1, members: -1 };
  private seen = { dataVersion: -1, orgWrites: -1, at: -Infinity };
  private subscribed = false;
  /** A notification (or the listener's start or loss) came since the revision row was last read. */
  private signalled = true;

  constructor(private readonly db: Database) {
    // Counted for every transaction alike: another transaction's organisation writes meanwhile (PostgreSQL's
    // pool) forget the cache too, which costs a reload, never a stale record.
    db.rollbackHooks.add((orgWritesAtBegin) => {
      if (db.orgWrites.count !== orgWritesAtBegin) this.invalidate();
    });
  }

  /** Brings the cache up to date with the database (see the class comment); cheap when nothing changed. */
  async refresh(now = performance.now()): Promise<this> {
    const { orgWrites } = this.db;
    const ownWritesSame = orgWrites.count === this.seen.orgWrites;
    const listener = this.listener();
    if (ownWritesSame && this.structure) {
      // PostgreSQL while LISTENing: only a notification says another statement changed the organisation.
      if (listener?.listening ? !this.signalled : now - this.seen.at < OTHER_PROCESSES_CHECK_MS) return this;
    }
    // Cleared before the read: a notification arriving during it asks for another.
    this.signalled = false;
    const dataVersion = await this.dataVersion();
    if (ownWritesSame && dataVersion !== undefined && dataVersion === this.seen.dataVersion && this.structure) {
      this.seen.at = now;
      return this;
    }
    const revision = (await this.db.query.selectFrom("OrgRevision").select(["structure", "members"]).where("id", "=", 1).executeTakeFirst()) ?? {
      structure: -2,
      members: -2,
    };
    if (revision.structure !== this.revision.structure) this.invalidate();
    else if (revision.members !== this.revision.members) this.forgetMembers();
    this.revision = revision;
    this.seen = { dataVersion: dataVersion ?? -1, orgWrites: orgWrites.count, at: now };
    if (!this.structure) this.structure = await this.loadStructure();
    return this;
  }

  /** PostgreSQL's notifications of the organisation's changes, subscribed to once and (re)started as needed. */
  private listener(): OrgRevisionListener | undefined {
    const listener = this.db.orgRevision;
    if (!listener) return undefined;
    if (!this.subscribed) {
      this.subscribed = true;
      listener.subscribe(() => (this.signalled = true));
    } else if (!listener.listening) listener.ensureListening();
    return listener;
  }

  /** SQLite's count of commits by other connections; PostgreSQL has none (the revision row is read instead). */
  private async dataVersion(): Promise<number | undefined> {
    if (this.db.dialect !== "sqlite") return undefined;
    const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(this.db.query);
    return rows[0]!.data_version;
  }

  /** Forgets everything: the next lookup reloads. */
  invalidate(): void {
    this.structure = undefined;
    this.forgetMembers();
    this.revision = { structure: -1, members: -1 };
    this.seen = { dataVersion: -1, orgWrites: -1, at: -Infinity };
  }

  private get loaded(): Structure {
    if (!this.structure) throw new Error("Directory: refresh() first");
    return this.structure;
  }

  get units(): UnitTree {
    return this.loaded.units;
  }

  /** The enabled webhook endpoints, cached with the organisation (their writes bump its revision). */
  get webhookEndpoints(): readonly WebhookEndpointRecord[] {
    return this.loaded.webhookEndpoints;
  }

  group(id: string): GroupRecord | null {
    return this.loaded.groupsById.get(id) ?? null;
  }

  groupByChat(platform: string, chatId: string): GroupRecord | null {
    return this.loaded.groupsByChat.get(chatKey(platform, chatId)) ?? null;
  }

  /** Every group, by id. */
  groups(): readonly GroupRecord[] {
    return this.loaded.groups;
  }

  /** The groups of one unit, by id. */
  groupsOfUnit(unitId: string): readonly GroupRecord[] {
    return this.loaded.groupsByUnit.get(unitId) ?? [];
  }

  async member(id: string): Promise<CachedMember | null> {
    let cached = this.membersById.get(id);
    if (cached === undefined) {
      cached = await this.loadMember((query) => query.where("m.id", "=", id));
      this.remember(cached, id);
    }
    return cached;
  }

  async memberByPlatformUser(platform: string, platformUserId: string): Promise<CachedMember | null> {
    const key = chatKey(platform, platformUserId);
    const id = this.memberIdsByPlatformUser.get(key);
    if (id === null) return null;
    if (id !== undefined) return await this.member(id);
    const loaded = await this.loadMember((query) => query.where("m.platform", "=", platform).where("m.platformUserId", "=", platformUserId));
    this.memberIdsByPlatformUser.set(key, loaded?.member.id ?? null);
    if (loaded) this.remember(loaded, loaded.member.id);
    return loaded;
  }

  private remember(member: CachedMember | null, id: string) {
    if (this.membersById.size >= MAX_CACHED_MEMBERS) this.forgetMembers();
    this.membersById.set(id, member);
  }

  private async loadMember(where: (query: MemberQuery) => MemberQuery): Promise<CachedMember | null> {
    const rows = await where(memberQueryShape(this.db)).orderBy("ms.groupId").execute();
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

  private async loadStructure(): Promise<Structure> {
    const [units, groupRows, webhookEndpoints] = await Promise.all([
      this.db.query.selectFrom("Unit").select(["id", "name", "level", "parentId"]).execute(),
      this.db.query
        .selectFrom("Group")
        .select(["id", "name", "kind", "unitId", "platform", "chatId", "pushKey", "pushSecret", "calendarToken", "reminderOffsets"])
        .orderBy("id")
        .execute(),
      this.db.query.selectFrom("WebhookEndpoint").selectAll().where("enabled", "=", true).orderBy("id").execute(),
    ]);
    const groups = groupRows.map((group) => Object.freeze({ ...group }));
    const groupsByUnit = new Map<string, GroupRecord[]>();
    for (const group of groups) {
      const list = groupsByUnit.get(group.unitId);
      if (list) list.push(group);
      else groupsByUnit.set(group.unitId, [group]);
    }
    return {
      units: new UnitTree(units as UnitNode[]),
      webhookEndpoints: webhookEndpoints.map((endpoint) => Object.freeze({ ...endpoint })),
      groups,
      groupsById: new Map(groups.map((group) => [group.id, group])),
      groupsByChat: new Map(groups.map((group) => [chatKey(group.platform, group.chatId), group])),
      groupsByUnit,
    };
  }

  private forgetMembers() {
    this.membersById.clear();
    this.memberIdsByPlatformUser.clear();
  }
}

type MemberQuery = ReturnType<typeof memberQueryShape>;
const memberQueryShape = (db: Database) =>
  db.query
    .selectFrom("Member as m")
    .leftJoin("Membership as ms", "ms.memberId", "m.id")
    .select(["m.id", "m.name", "m.platform", "m.platformUserId", "ms.groupId", "ms.role"]);

/** A member and every group they belong to, by group id. */
export interface CachedMember {
  member: MemberRecord;
  memberships: readonly MembershipRecord[];
}

interface Structure {
  units: UnitTree;
  /** The enabled webhook endpoints: every ticket history write asks for them (store/webhookDeliveries.ts). */
  webhookEndpoints: readonly WebhookEndpointRecord[];
  groups: readonly GroupRecord[];
  groupsById: Map<string, GroupRecord>;
  groupsByChat: Map<string, GroupRecord>;
  groupsByUnit: Map<string, GroupRecord[]>;
}

/** How stale a change by another process may be seen (its commit is racing the message anyway). */
const OTHER_PROCESSES_CHECK_MS = 5;
/** Members kept at most; past this the member cache starts again (it refills from lookups). */
const MAX_CACHED_MEMBERS = 50_000;

const chatKey = (platform: string, id: string) => `${platform}\u0000${id}`;

const directories = new WeakMap<Database, Directory>();

/** The database's directory, brought up to date. */
export async function directoryOf(db: Database): Promise<Directory> {
  let directory = directories.get(db);
  if (!directory) {
    directory = new Directory(db);
    directories.set(db, directory);
  }
  return await directory.refresh();
}

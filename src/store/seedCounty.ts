import type { Insertable } from "kysely";
import { inTransaction, openDatabase, tuneDatabase, type Database } from "./database.ts";
import { insertRows } from "./rows.ts";
import type { DB, TicketEventTable, TicketTable } from "./schema.ts";

/**
 * A synthetic county shaped like Lanling, for measuring the data layer at scale: 1 county, 8
 * sub-districts, 40 communities, 160 estates; a residents' group per estate and a work group per level
 * above it; N tickets over the 12 months before `now` with a realistic mix of states and colours, about
 * five events each, about 5% overdue. Written in multi-row statements, 5,000 tickets a transaction, on
 * either database; ticket numbers are given (the highest plus one), as createTicket gives them on PostgreSQL.
 */
export interface CountySeed {
  county: string;
  staffGroup: string;
  staffUser: string;
  tickets: number;
}

const CATEGORIES = ["repair", "sanitation", "parking", "charging", "safety", "noise", "neighbor", "property", "business", "consult", "legal"];
const COLOUR_MIX: [string, number][] = [
  ["blue", 0.55],
  ["yellow", 0.3],
  ["orange", 0.12],
  ["red", 0.03],
];
const STATUS_MIX: [string, number][] = [
  ["closed", 0.62],
  ["resolved", 0.1],
  ["assigned", 0.08],
  ["accepted", 0.07],
  ["reported", 0.06],
  ["rejected", 0.04],
  ["withdrawn", 0.03],
];
const RATING_MIX: [string, number][] = [
  ["satisfied", 0.75],
  ["basically_satisfied", 0.18],
  ["unsatisfied", 0.07],
];
const RESOLVE_HOURS: Record<string, number> = { red: 4, orange: 24, yellow: 72, blue: 168 };

/** A small deterministic generator, so two seeds of the same size are the same county. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(mix: [T, number][]): T => {
    let r = next();
    for (const [value, weight] of mix) if ((r -= weight) < 0) return value;
    return mix[mix.length - 1]![0];
  };
  return { next, pick, int: (n: number) => Math.floor(next() * n) };
}

const date = (ms: number) => new Date(ms);

/** The seeded county's groups and members live on the sandbox. */
const SEEDED_PLATFORM = "sandbox";

/** Rows of the organisation's tables, written once: a second seed leaves the first's in place. */
async function insertMissing<T extends "Unit" | "Group" | "Member" | "Membership">(db: Database, table: T, records: Insertable<DB[T]>[]): Promise<void> {
  for (let start = 0; start < records.length; start += 50) {
    await db.query
      .insertInto(table)
      .values(records.slice(start, start + 50))
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
}

/** Seeds the county into the database at `databaseUrl` (migrated already). */
export async function seedCounty(databaseUrl: string, tickets: number, now: Date): Promise<CountySeed> {
  const db = openDatabase(databaseUrl, { busyRetry: { maxWaitMs: 60_000, firstDelayMs: 5, maxDelayMs: 200 } });
  try {
    await tuneDatabase(db);
    return await seedCountyInto(db, tickets, now);
  } finally {
    await db.close();
  }
}

async function seedCountyInto(db: Database, tickets: number, now: Date): Promise<CountySeed> {
  const rnd = generator(20261123);
  const created = date(now.getTime() - 400 * 86_400_000);
  const county = "lc-county";
  const units: Insertable<DB["Unit"]>[] = [];
  const groups: Insertable<DB["Group"]>[] = [];
  const members: Insertable<DB["Member"]>[] = [];
  const memberships: Insertable<DB["Membership"]>[] = [];
  const unit = { run: (id: string, name: string, level: string, parentId: string | null) => units.push({ id, name, level, parentId }) };
  const group = {
    run: (id: string, name: string, kind: string, unitId: string, chatId: string, createdAt: Date) =>
      groups.push({ id, name, kind, unitId, platform: SEEDED_PLATFORM, chatId, createdAt }),
  };
  const membership = { run: (groupId: string, memberId: string, role: string) => memberships.push({ groupId, memberId, role }) };

  const estates: { id: string; community: string; subdistrict: string; group: string; residents: string[] }[] = [];
  {
    const person = (id: string, name: string) => members.push({ id, platform: SEEDED_PLATFORM, platformUserId: id, name, createdAt: created });
    unit.run(county, "兰陵县（模拟）", "county", null);
    group.run("lc-g-county", "兰陵县工作群", "staff", county, "lc-g-county", created);
    for (const [id, role] of [
      ["lc-u-county-sec", "secretary"],
      ["lc-u-county-dept", "department"],
      ["lc-u-county-dept2", "department"],
    ] as const) {
      person(id, role === "secretary" ? "县联络员" : "县职能部门");
      membership.run("lc-g-county", id, role);
    }
    for (let s = 1; s <= 8; s++) {
      const sd = `lc-sd${s}`;
      unit.run(sd, `第${s}街道`, "subdistrict", county);
      group.run(`lc-g-${sd}`, `第${s}街道工作群`, "staff", sd, `lc-g-${sd}`, created);
      person(`lc-u-${sd}-sec`, `第${s}街道书记`);
      membership.run(`lc-g-${sd}`, `lc-u-${sd}-sec`, "secretary");
      for (let c = 1; c <= 5; c++) {
        const cm = `${sd}-c${c}`;
        unit.run(cm, `第${s}街道第${c}社区`, "community", sd);
        group.run(`lc-g-${cm}`, `第${s}街道第${c}社区工作群`, "staff", cm, `lc-g-${cm}`, created);
        for (const [suffix, role] of [
          ["sec", "secretary"],
          ["grid", "grid_worker"],
        ] as const) {
          person(`lc-u-${cm}-${suffix}`, `${cm}${role === "secretary" ? "书记" : "网格员"}`);
          membership.run(`lc-g-${cm}`, `lc-u-${cm}-${suffix}`, role);
        }
        for (let e = 1; e <= 4; e++) {
          const es = `${cm}-e${e}`;
          unit.run(es, `第${s}街道第${c}社区第${e}小区`, "estate", cm);
          const g = `lc-g-${es}`;
          group.run(g, `${es}居民议事群`, "residents", es, g, created);
          membership.run(g, `lc-u-${cm}-sec`, "secretary");
          membership.run(g, `lc-u-${cm}-grid`, "grid_worker");
          const residents = Array.from({ length: 25 }, (_, r) => `lc-u-${es}-r${r}`);
          residents.forEach((id, r) => {
            person(id, `居民${r + 1}`);
            membership.run(g, id, "resident");
          });
          estates.push({ id: es, community: cm, subdistrict: sd, group: g, residents });
        }
      }
    }
  }
  await inTransaction(db, async () => {
    await insertMissing(db, "Unit", units);
    await insertMissing(db, "Group", groups);
    await insertMissing(db, "Member", members);
    await insertMissing(db, "Membership", memberships);
  });

  const year = 365 * 86_400_000;
  const batch = 5_000;
  for (let start = 0; start < tickets; start += batch) {
    await inTransaction(db, async () => {
      const last = await db.query
        .selectFrom("Ticket")
        .select((eb) => eb.fn.max("number").as("number"))
        .executeTakeFirst();
      let number = last?.number ?? 0;
      const ticketRows: Insertable<TicketTable>[] = [];
      const eventRows: Insertable<TicketEventTable>[] = [];
      const event = {
        run: (
          ticketNumber: number,
          type: string,
          actorId: string | null,
          actorName: string,
          fromStatus: string | null,
          toStatus: string | null,
          note: string | null,
          at: Date,
        ) => eventRows.push({ ticketNumber, type, actorId, actorName, fromStatus, toStatus, note, at }),
      };
      for (let i = start; i < Math.min(tickets, start + batch); i++) {
        const estate = estates[rnd.int(estates.length)]!;
        const colour = rnd.pick(COLOUR_MIX);
        const createdAt = now.getTime() - Math.floor(rnd.next() * year);
        const age = now.getTime() - createdAt;
        // Young tickets are the open ones; a ticket a month old is almost surely finished.
        let status = rnd.pick(STATUS_MIX);
        if (["reported", "accepted", "assigned"].includes(status) && age > 20 * 86_400_000 && rnd.next() < 0.6) status = "closed";
        // A resolution waits a few days for its rating; older ones were rated or closed by the sweep.
        if (status === "resolved" && age > 10 * 86_400_000 && rnd.next() < 0.95) status = "closed";
        const open = ["reported", "accepted", "assigned"].includes(status);
        const overdue = open && rnd.next() < 0.55;
        const escalated = rnd.next();
        const [level, handling] =
          escalated < 0.82
            ? ["estate", estate.id]
            : escalated < 0.95
              ? ["community", estate.community]
              : escalated < 0.99
                ? ["subdistrict", estate.subdistrict]
                : ["county", county];
        // About 5% of all tickets are overdue: open ones whose deadline has passed; the other open ones are not due yet.
        const pastDue = now.getTime() - 3_600_000 * (1 + rnd.int(200));
        const futureDue = now.getTime() + 3_600_000 * (1 + rnd.int(200));
        const acceptDue = status === "reported" ? (overdue ? pastDue : futureDue) : createdAt + (colour === "red" ? 3_600_000 : 24 * 3_600_000);
        const resolveDue = open ? (overdue ? pastDue : futureDue) : createdAt + RESOLVE_HOURS[colour]! * 3_600_000;
        const acceptedAt = status === "reported" || status === "withdrawn" ? null : createdAt + rnd.int(20) * 3_600_000;
        const resolvedAt = status === "resolved" || status === "closed" ? createdAt + rnd.int(RESOLVE_HOURS[colour]! * 2) * 3_600_000 + 3_600_000 : null;
        const closedAt =
          status === "closed" ? resolvedAt! + rnd.int(72) * 3_600_000 : status === "rejected" || status === "withdrawn" ? createdAt + 3_600_000 : null;
        const rating = status === "closed" && rnd.next() < 0.7 ? rnd.pick(RATING_MIX) : null;
        const reporter = estate.residents[rnd.int(estate.residents.length)]!;
        const category = CATEGORIES[rnd.int(CATEGORIES.length)]!;
        const building = `${1 + rnd.int(30)}`;
        const text = `${building}号楼${category === "repair" ? "楼道灯不亮了" : category === "parking" ? "有车占了消防通道" : category === "noise" ? "晚上装修太吵" : "有问题需要处理"}`;
        const updatedAt = Math.min(now.getTime(), closedAt ?? resolvedAt ?? acceptedAt ?? createdAt);
        number++;
        ticketRows.push({
          number,
          groupId: estate.group,
          unitId: estate.id,
          handlingUnitId: handling,
          level,
          reporterId: reporter,
          text,
          category,
          colour,
          building,
          status,
          outcome: resolvedAt ? "fixed" : null,
          rating,
          acceptDueAt: date(acceptDue),
          resolveDueAt: date(resolveDue),
          acceptedAt: acceptedAt === null ? null : date(acceptedAt),
          resolvedAt: resolvedAt === null ? null : date(resolvedAt),
          closedAt: closedAt === null ? null : date(closedAt),
          createdAt: date(createdAt),
          updatedAt: date(updatedAt),
        });
        const staff = `lc-u-${estate.community}-sec`;
        // Work past acceptance (not a 驳回) was 派单'd by the community's secretary to its grid worker, who 办结'd it.
        const assigned = acceptedAt !== null && status !== "rejected" && status !== "accepted";
        const worker = { id: `lc-u-${estate.community}-grid`, name: `${estate.community}网格员` };
        if (assigned) Object.assign(ticketRows.at(-1)!, { assigneeId: worker.id, assigneeName: worker.name });
        event.run(number, "reported", reporter, "居民", null, "reported", text, date(createdAt));
        event.run(number, "message", reporter, "居民", null, null, "补充：麻烦尽快", date(createdAt + 600_000));
        if (acceptedAt) event.run(number, "accepted", staff, "书记", "reported", "accepted", null, date(acceptedAt));
        if (assigned) event.run(number, "assigned", staff, "书记", "accepted", "assigned", worker.name, date(acceptedAt + 600_000));
        if (level !== "estate") event.run(number, "escalated", null, "议事助手", null, null, level, date(createdAt + 3 * 86_400_000));
        if (resolvedAt) event.run(number, "resolved", worker.id, worker.name, "assigned", "resolved", "已处理", date(resolvedAt));
        if (closedAt)
          event.run(
            number,
            status === "closed" ? (rating ? "rated" : "auto_closed") : status === "rejected" ? "rejected" : "withdrawn",
            status === "closed" && !rating ? null : reporter,
            status === "closed" && !rating ? "议事助手" : "居民",
            null,
            status,
            null,
            date(closedAt),
          );
      }
      await insertRows(db, "Ticket", ticketRows);
      await insertRows(db, "TicketEvent", eventRows);
    });
  }
  return { county, staffGroup: "lc-g-county", staffUser: "lc-u-county-dept", tickets };
}

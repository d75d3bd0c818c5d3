import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Database } from "../../src/store/database.ts";
import type { DB } from "../../src/store/schema.ts";

/**
 * Reads and writes of whole tables for tests, through the store's Kysely query builder (so on either
 * database): `tables(db).botPost.count({ where: { status: "dead" } })`. The call shapes are the few a test
 * needs to set up a case or check what was stored — a `where` object of columns (equal, or in / notIn / not
 * / gt / gte / lt / lte / startsWith, OR / AND / NOT), `orderBy`, `take`, `select` — so assertions read as
 * they did. Application code uses src/store.
 */
export function tables(db: Database): { [K in Model]: TableRows<TableOf<K>> } {
  return new Proxy({} as { [K in Model]: TableRows<TableOf<K>> }, {
    get: (_target, model: string) => tableRows(db, (model[0]!.toUpperCase() + model.slice(1)) as keyof DB),
  });
}

type Model = Uncapitalize<keyof DB>;
type TableOf<K extends Model> = Capitalize<K> & keyof DB;
type Row = Record<string, any>;
type Where = Record<string, unknown>;
type OrderBy = Record<string, "asc" | "desc"> | Record<string, "asc" | "desc">[];

interface FindArgs {
  where?: Where;
  orderBy?: OrderBy;
  take?: number;
  skip?: number;
  select?: Record<string, boolean>;
  include?: Record<string, boolean>;
}

interface TableRows<_T extends keyof DB> {
  count(args?: { where?: Where }): Promise<number>;
  findMany(args?: FindArgs): Promise<Row[]>;
  findFirst(args?: FindArgs): Promise<Row | null>;
  findFirstOrThrow(args?: FindArgs): Promise<Row>;
  findUnique(args: FindArgs): Promise<Row | null>;
  findUniqueOrThrow(args: FindArgs): Promise<Row>;
  create(args: { data: Row }): Promise<Row>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  update(args: { where: Where; data: Row }): Promise<Row>;
  updateMany(args: { where?: Where; data: Row }): Promise<{ count: number }>;
  delete(args: { where: Where }): Promise<Row>;
  deleteMany(args?: { where?: Where }): Promise<{ count: number }>;
}

/** Columns filled in by Prisma's client rather than the database (`@default(now())`). */
const NOW_DEFAULTS: Partial<Record<keyof DB, string[]>> = { Group: ["createdAt"], Member: ["createdAt"] };

/** Compound unique keys as Prisma names them (`groupId_memberId: { … }`) become their columns. */
function flatten(where: Where = {}): Where {
  const flat: Where = {};
  for (const [key, value] of Object.entries(where)) {
    if (key.includes("_") && value && typeof value === "object" && !(value instanceof Date) && !Array.isArray(value)) Object.assign(flat, value);
    else flat[key] = value;
  }
  return flat;
}

function condition(eb: ExpressionBuilder<DB, keyof DB>, where: Where): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  for (const [key, value] of Object.entries(flatten(where))) {
    if (value === undefined) continue;
    if (key === "OR") parts.push(eb.or((value as Where[]).map((w) => condition(eb, w))));
    else if (key === "AND") parts.push(eb.and((value as Where[]).map((w) => condition(eb, w))));
    else if (key === "NOT") parts.push(eb.not(condition(eb, value as Where)));
    else parts.push(columnCondition(eb, key, value));
  }
  return eb.and(parts);
}

function columnCondition(eb: ExpressionBuilder<DB, keyof DB>, column: string, value: unknown): Expression<SqlBool> {
  const ref = eb.ref(column as never);
  if (value === null) return eb(ref, "is", null);
  if (typeof value !== "object" || value instanceof Date) return eb(ref, "=", value as never);
  const parts: Expression<SqlBool>[] = [];
  for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
    if (operand === undefined) continue;
    if (op === "equals") parts.push(columnCondition(eb, column, operand));
    else if (op === "not") parts.push(operand === null ? eb(ref, "is not", null) : eb.not(columnCondition(eb, column, operand)));
    else if (op === "in") parts.push((operand as unknown[]).length ? eb(ref, "in", operand as never) : sql<SqlBool>`1 = 0`);
    else if (op === "notIn") parts.push((operand as unknown[]).length ? eb(ref, "not in", operand as never) : sql<SqlBool>`1 = 1`);
    else if (op === "gt") parts.push(eb(ref, ">", operand as never));
    else if (op === "gte") parts.push(eb(ref, ">=", operand as never));
    else if (op === "lt") parts.push(eb(ref, "<", operand as never));
    else if (op === "lte") parts.push(eb(ref, "<=", operand as never));
    else if (op === "startsWith") parts.push(eb(ref, "like", `${String(operand)}%` as never));
    else if (op === "contains") parts.push(eb(ref, "like", `%${String(operand)}%` as never));
    else throw new Error(`tables(): unsupported filter ${op}`);
  }
  return eb.and(parts);
}

function tableRows(db: Database, table: keyof DB): TableRows<typeof table> {
  const q = () => db.query;
  const select = (args: FindArgs = {}) => {
    let query = q()
      .selectFrom(table)
      .where((eb) => condition(eb, args.where ?? {}));
    query = args.select ? query.select(Object.keys(args.select).filter((key) => args.select![key]) as never) : query.selectAll();
    for (const order of [args.orderBy ?? []].flat()) for (const [column, direction] of Object.entries(order)) query = query.orderBy(column as never, direction);
    if (args.take !== undefined) query = query.limit(args.take);
    if (args.skip !== undefined) query = query.offset(args.skip);
    return query;
  };
  const withDefaults = (data: Row): Row => {
    const filled = { ...data };
    for (const column of NOW_DEFAULTS[table] ?? []) filled[column] ??= new Date();
    return filled;
  };
  const findFirst = async (args?: FindArgs) => ((await select(args).limit(1).execute()) as Row[])[0] ?? null;
  const orThrow = async (found: Promise<Row | null>) => {
    const row = await found;
    if (!row) throw new Error(`tables(): no ${table} found`);
    return row;
  };
  const where = (w: Where | undefined) => (eb: ExpressionBuilder<DB, keyof DB>) => condition(eb, w ?? {});
  return {
    async count(args) {
      const row = await q()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where((eb) => condition(eb, args?.where ?? {}))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    findMany: async (args) => await select(args).execute(),
    findFirst,
    findFirstOrThrow: (args) => orThrow(findFirst(args)),
    findUnique: findFirst,
    findUniqueOrThrow: (args) => orThrow(findFirst(args)),
    async create({ data }) {
      return await q().insertInto(table).values(withDefaults(data)).returningAll().executeTakeFirstOrThrow();
    },
    async createMany({ data }) {
      // 100 rows a statement keeps within SQLite's limit of bound values.
      for (let start = 0; start < data.length; start += 100) {
        await q()
          .insertInto(table)
          .values(data.slice(start, start + 100).map(withDefaults))
          .execute();
      }
      return { count: data.length };
    },
    async update(args) {
      return await q()
        .updateTable(table)
        .set(args.data as never)
        .where(where(args.where) as never)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async updateMany(args) {
      const result = await q()
        .updateTable(table)
        .set(args.data as never)
        .where(where(args.where) as never)
        .executeTakeFirst();
      return { count: Number(result.numUpdatedRows) };
    },
    async delete(args) {
      return await q()
        .deleteFrom(table)
        .where(where(args.where) as never)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async deleteMany(args) {
      const result = await q()
        .deleteFrom(table)
        .where(where(args?.where) as never)
        .executeTakeFirst();
      return { count: Number(result.numDeletedRows) };
    },
  };
}

import type { Compilable, CompiledQuery, Kysely, QueryResult } from "kysely";
import type { Database } from "./database.ts";
import type { DB } from "./schema.ts";

const SLOT = Symbol("slot");
type Slot = { readonly [SLOT]: number };
const isSlot = (value: unknown): value is Slot => typeof value === "object" && value !== null && SLOT in value;

/**
 * A query of the message path built and compiled once per shape and dialect, then run with fresh values:
 * building and compiling is most of what the query builder costs per statement. `build` receives
 * stand-ins for the arguments and must use each as a value only (no arrays, no branching on them); vary
 * the shape through `shape`, which keys the cache. Not for the organisation's tables: their writes are
 * counted as a query is built (orgWrites.ts).
 */
export class CompiledOnce<A extends unknown[], R> {
  private readonly compiled = new Map<string, { query: CompiledQuery<R>; positions: number[] }>();

  constructor(private readonly build: (q: Kysely<DB>, args: A, shape: string) => Compilable<R>) {}

  async execute(client: Database, args: A, shape = ""): Promise<QueryResult<R>> {
    const key = `${client.dialect}:${shape}`;
    let entry = this.compiled.get(key);
    if (!entry) {
      const slots = args.map((_, i) => ({ [SLOT]: i })) as unknown as A;
      const query = this.build(client.query, slots, shape).compile();
      entry = { query, positions: query.parameters.map((value) => (isSlot(value) ? value[SLOT] : -1)) };
      this.compiled.set(key, entry);
    }
    const { query, positions } = entry;
    const parameters = query.parameters.map((value, i) => (positions[i]! >= 0 ? args[positions[i]!] : value));
    return await client.query.executeQuery<R>({ ...query, parameters });
  }
}

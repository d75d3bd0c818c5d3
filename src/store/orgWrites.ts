import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";

/** How many statements this process ran that change the organisation (units, groups, members, memberships). */
export interface OrgWrites {
  count: number;
}

// The webhook endpoints are cached with the organisation (directory.ts).
const ORG_TABLES = new Set(["Unit", "Group", "Member", "Membership", "WebhookEndpoint"]);

/**
 * Counts the store's statements that write the organisation's tables, whatever the database: the
 * in-memory directory (directory.ts) then reloads before its next lookup, even inside the same
 * transaction. Statements are read as Kysely builds them, so organisation writes go through the builder
 * (never the `sql` template).
 */
export class OrgWritesPlugin implements KyselyPlugin {
  constructor(readonly writes: OrgWrites) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (writtenTables(args.node).some((table) => ORG_TABLES.has(table))) this.writes.count++;
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

type Node = OperationNode & Record<string, unknown>;

function tableName(node: unknown): string | undefined {
  const n = node as Node | undefined;
  if (!n) return undefined;
  if (n.kind === "TableNode") return ((n.table as Node).identifier as { name: string }).name;
  if (n.kind === "AliasNode") return tableName(n.node);
  return undefined;
}

/** The tables an INSERT, UPDATE or DELETE writes. */
export function writtenTables(node: RootOperationNode): string[] {
  const n = node as unknown as Node;
  if (n.kind === "InsertQueryNode") return [tableName(n.into)].filter((name): name is string => !!name);
  if (n.kind === "UpdateQueryNode") return [tableName(n.table)].filter((name): name is string => !!name);
  if (n.kind === "DeleteQueryNode") return ((n.from as { froms: unknown[] }).froms ?? []).map(tableName).filter((name): name is string => !!name);
  return [];
}

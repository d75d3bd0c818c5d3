import pg from "pg";

/**
 * A worker's PostgreSQL test databases, reused instead of copied from the template and dropped for every test
 * (issue 20: a copy took about 1.2 s at load 13, a third of the slow files' time on PostgreSQL; 0.1–0.3 s at
 * load 4). A database given back is reset while the next test runs:
 * - every connection to it is ended and it is renamed, so a pool or bot a test left running cannot reconnect
 *   and write into the next test's database (it finds no database of the old name);
 * - if its schema, functions, triggers or settings differ from the template's (a test migrated or altered it),
 *   it is dropped and the next test gets a fresh copy;
 * - otherwise the tables whose rows differ from the template's are emptied by TRUNCATE (new files: no dead rows
 *   left for the next test's plans), the template's rows put back with triggers off (nothing fires that did not
 *   fire in the template) and the sequences set back where they moved.
 * What the template holds is read once per worker from its first fresh copy (a connection to the template itself
 * would stop the other worker copying it). test/helpers/postgresReuse.postgres.test.ts compares a reset database
 * with a fresh copy.
 */
export interface ReusedDatabase {
  name: string;
  url: string;
  /** Resets the database in the background for the next test of this worker (or drops it). */
  giveBack: () => void;
}

interface TemplateContent {
  fingerprint: string;
  /** Each table's rows, as JSON, for those that have any. */
  rows: Map<string, string>;
  /** Each sequence's position, `setval`'s arguments; sequences never used are left as RESTART IDENTITY leaves them. */
  sequences: { name: string; value: string }[];
  tables: string[];
}

const contents = new Map<string, TemplateContent>();
const free = new Map<string, string[]>();
/** The resets underway, by template. */
const resetting = new Map<string, Set<Promise<void>>>();
const resetFailures: Error[] = [];
let made = 0;

/**
 * Named after its template, which globalSetup.ts names after the run, so the run's end drops whatever databases
 * the workers still kept (reusedDatabasesOf).
 */
const reusedName = (template: string) => `${template}_${process.pid}_${++made}`;

/** A LIKE pattern for the databases reused from copies of the templates named `template…`. */
export const reusedDatabasesOf = (template: string) => `${template.replaceAll("_", "\\_")}\\_%`;

/** A database equal to `template`: one this worker reset, or a new copy. */
export async function takePostgresDatabase(urlBase: string, template: string): Promise<ReusedDatabase> {
  // A reset costs a fraction of a copy: wait for one underway rather than copy the template again.
  while (!free.get(template)?.length && resetting.get(template)?.size) await Promise.race(resetting.get(template)!);
  let name = free.get(template)?.pop();
  if (name === undefined) {
    name = reusedName(template);
    await asAdmin(urlBase, `CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`);
    if (!contents.has(template)) contents.set(template, await withClient(`${urlBase}/${name}`, readContent));
  }
  const taken = name;
  return {
    name: taken,
    url: `${urlBase}/${taken}`,
    giveBack: () => {
      const ofTemplate = resetting.get(template) ?? resetting.set(template, new Set()).get(template)!;
      const underway: Promise<void> = reset(urlBase, template, taken)
        .catch((error: unknown) => void resetFailures.push(error instanceof Error ? error : new Error(String(error))))
        .finally(() => ofTemplate.delete(underway));
      ofTemplate.add(underway);
    },
  };
}

/** Waits for the databases given back to be reset or dropped, failing with the first that failed. */
export async function settlePostgresDatabases(): Promise<void> {
  await Promise.all([...resetting.values()].flatMap((underway) => [...underway]));
  const [failure] = resetFailures.splice(0);
  if (failure !== undefined) throw failure;
}

async function reset(urlBase: string, template: string, name: string): Promise<void> {
  const renamed = reusedName(template);
  await asAdmin(urlBase, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
  // A backend just terminated may still be leaving: the rename waits for it (it refuses while anyone is connected).
  for (let attempt = 0; ; attempt++) {
    try {
      await asAdmin(urlBase, `ALTER DATABASE "${name}" RENAME TO "${renamed}"`);
      break;
    } catch (error) {
      if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
      await asAdmin(
        urlBase,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid(); SELECT pg_sleep(0.02)`,
      );
    }
  }
  const content = contents.get(template);
  const kept = content && (await withClient(`${urlBase}/${renamed}`, (client) => restore(client, content)));
  if (kept) (free.get(template) ?? free.set(template, []).get(template)!).push(renamed);
  else await asAdmin(urlBase, `DROP DATABASE IF EXISTS "${renamed}" WITH (FORCE)`);
}

/**
 * Puts the template's content back; false (and nothing done) when the schema is no longer the template's. Only
 * what differs is redone: the tables with rows the template lacks or with other rows than the template's are
 * emptied (and those referring to them, CASCADE), the template's rows put back where they are missing, each
 * sequence set back where it moved.
 */
async function restore(client: pg.Client, content: TemplateContent): Promise<boolean> {
  if ((await fingerprint(client)) !== content.fingerprint) return false;
  const { rows: changed } = await client.query<{ name: string }>(
    content.tables
      .map((table) => {
        const rows = content.rows.get(table);
        const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
        const differs = rows
          ? `(SELECT md5(coalesce(json_agg(t ORDER BY t::text)::text, '')) FROM ${table} t) <> (SELECT md5(coalesce(json_agg(t ORDER BY t::text)::text, '')) FROM json_populate_recordset(NULL::${table}, ${literal(rows)}::json) t)`
          : `EXISTS (SELECT 1 FROM ${table})`;
        return `SELECT ${literal(table)} AS name WHERE ${differs}`;
      })
      .join(" UNION ALL "),
  );
  await client.query("BEGIN; SET LOCAL session_replication_role = replica");
  if (changed.length) await client.query(`TRUNCATE ${changed.map((row) => row.name).join(", ")} CASCADE`);
  for (const [table, rows] of content.rows) {
    await client.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json) WHERE NOT EXISTS (SELECT 1 FROM ${table})`, [
      rows,
    ]);
  }
  const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS value FROM pg_sequences`,
  );
  const wanted = new Map(content.sequences.map(({ name, value }) => [name, value]));
  for (const { name, value } of sequences) {
    const want = wanted.get(name) ?? null;
    if (value === want) continue;
    if (want === null) await client.query(`ALTER SEQUENCE ${name} RESTART`);
    else await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [name, want]);
  }
  await client.query("COMMIT");
  return true;
}

async function readContent(client: pg.Client): Promise<TemplateContent> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    )
  ).rows.map((row) => row.name);
  const rows = new Map<string, string>();
  for (const table of tables) {
    const { rows: found } = await client.query<{ rows: string | null }>(`SELECT json_agg(t)::text AS rows FROM ${table} t`);
    if (found[0]?.rows) rows.set(table, found[0].rows);
  }
  const sequences = (
    await client.query<{ name: string; value: string }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS value FROM pg_sequences WHERE last_value IS NOT NULL ORDER BY 1`,
    )
  ).rows;
  return { fingerprint: await fingerprint(client), rows, sequences, tables };
}

/**
 * The database's schema as text to compare: its relations and columns with their types and defaults,
 * constraints, indexes, triggers, functions and settings (database-level, as ALTER DATABASE … SET leaves them).
 */
export async function fingerprint(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ fingerprint: string }>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(format('%s.%s:%s:%s:%s:%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
              pg_get_expr(d.adbin, d.adrelid), c.relkind), ',' ORDER BY c.relname, a.attnum)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')),
      (SELECT string_agg(format('%s:%s', conname, pg_get_constraintdef(oid)), ',' ORDER BY conname, conrelid::regclass::text)
         FROM pg_constraint WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)),
      (SELECT string_agg(indexdef, ',' ORDER BY indexdef) FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')),
      (SELECT string_agg(pg_get_triggerdef(oid) || tgenabled::text, ',' ORDER BY tgname, tgrelid::regclass::text) FROM pg_trigger WHERE NOT tgisinternal),
      (SELECT string_agg(pg_get_functiondef(p.oid), ',' ORDER BY p.proname, p.oid::regprocedure::text)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND p.prokind IN ('f', 'p')),
      (SELECT string_agg(array_to_string(setconfig, ';'), ',' ORDER BY setrole)
         FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()))
    )) AS fingerprint`);
  return rows[0]!.fingerprint;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One pool of connections to the `postgres` database per worker, for CREATE, ALTER and DROP DATABASE (idle, it lets the process end). */
let admin: { urlBase: string; pool: pg.Pool } | undefined;

export async function asAdmin(urlBase: string, sql: string): Promise<void> {
  if (admin?.urlBase !== urlBase) admin = { urlBase, pool: new pg.Pool({ connectionString: `${urlBase}/postgres`, max: 2, allowExitOnIdle: true }) };
  await admin.pool.query(sql);
}

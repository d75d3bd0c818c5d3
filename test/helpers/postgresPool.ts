import pg from "pg";

/**
 * A worker's PostgreSQL test databases, kept and reset between tests instead of copied from the template and
 * dropped for each one (issue 20): CREATE DATABASE … TEMPLATE and DROP DATABASE cost about 2 s a test on a
 * busy machine, mostly waiting (scripts/bench-test-databases.ts compares the two).
 *
 * A test's database is given back when the test closes it; the reset then runs while the next test starts:
 * - every connection to it is ended and waited for (with it its LISTENs, advisory locks, prepared statements,
 *   temporary tables and open transactions), and it is renamed, so nothing left of the previous test can
 *   connect to it again: each test's database has a name of its own, as when each was a new copy;
 * - if its schema is no longer the template's (a test dropped a table or added a trigger), it is dropped
 *   instead of reused;
 * - otherwise every table is emptied (DELETE: TRUNCATE's new files cost far more on tables this small), the
 *   template's rows written back and every sequence set where the template has it, in one transaction with
 *   triggers off (`session_replication_role = replica`, so the rows go back as they were and the organisation's
 *   revision triggers neither count nor notify). Ticket numbers therefore start where they start in a fresh
 *   copy.
 * What the template holds (rows, sequences, schema fingerprint) is read once per worker from a fresh copy.
 * The databases are named `<template>_w<pid>_<n>`, a new n at each reset; globalSetup.ts drops whatever a run
 * leaves.
 */

interface TemplateState {
  /** One SQL text: empty every table, write back the template's rows, set the sequences, in one transaction. */
  restore: string;
  /** The schema's fingerprint (SCHEMA_FINGERPRINT) in a fresh copy. */
  fingerprint: string;
}

interface Shelf {
  /** Databases given back, each a reset under way that ends with its name (or undefined if it was dropped). */
  returned: Promise<string | undefined>[];
  template: Promise<TemplateState> | undefined;
}

const shelves = new Map<string, Shelf>();
/** Resets and drops not yet finished, and the ones that failed (reported at the end of the file). */
const underway = new Set<Promise<unknown>>();
const failures: Error[] = [];
let databasesMade = 0;

/**
 * A database one of whose connections did not end within 10 s (seen only in whole-suite runs on a loaded
 * machine, not traced): it is set aside under its old name, never handed out again, and the next test gets a
 * fresh copy, so no test can see another's rows. The cluster is removed at the end of the run.
 */
class ConnectionStillOpen extends Error {}
const setAside: string[] = [];

/**
 * A database with the template's content for one test, on the server `urlBase`: a reset one of this worker's
 * if one is free, otherwise a new copy. `giveBack` returns it once nothing of the test uses it any more.
 */
export async function takePostgresDatabase(urlBase: string, template: string): Promise<{ url: string; giveBack: () => void }> {
  const key = `${urlBase}/${template}`;
  let shelf = shelves.get(key);
  if (!shelf) shelves.set(key, (shelf = { returned: [], template: undefined }));
  let name: string | undefined;
  while (name === undefined && shelf.returned.length > 0) name = await shelf.returned.shift();
  if (name === undefined) {
    name = `${template}_w${process.pid}_${++databasesMade}`;
    await asAdmin(urlBase, `CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`);
    // The template itself cannot be read while copies are made from it: a fresh copy can.
    const current = shelf;
    // A failed read is not kept: the next test of this worker reads the template again.
    current.template ??= readTemplateState(`${urlBase}/${name}`).catch((error: unknown) => {
      current.template = undefined;
      throw error;
    });
    await current.template;
  }
  const taken = name;
  let given = false;
  return {
    url: `${urlBase}/${taken}`,
    giveBack: () => {
      if (given) return;
      given = true;
      const reset = resetDatabase(urlBase, taken, shelf.template!).catch(async (error: unknown) => {
        if (error instanceof ConnectionStillOpen) {
          setAside.push(taken);
          return undefined;
        }
        failures.push(error instanceof Error ? error : new Error(String(error)));
        // Under its old name if the rename itself failed (a reset drops its renamed copy on failure).
        await dropDatabase(urlBase, taken).catch(() => undefined);
        return undefined;
      });
      track(reset);
      shelf.returned.push(reset);
    },
  };
}

/** Waits for the resets and drops under way, failing with the first that failed: after each file. */
export async function settlePostgresDatabases(): Promise<void> {
  while (underway.size > 0) await Promise.allSettled(underway);
  for (const name of setAside.splice(0)) console.warn(`${name}: a connection did not end within 10 s; set aside, not reused`);
  const [failure] = failures.splice(0);
  if (failure !== undefined) throw failure;
}

function track(work: Promise<unknown>): void {
  const tracked: Promise<unknown> = work.finally(() => underway.delete(tracked));
  underway.add(tracked);
}

async function resetDatabase(urlBase: string, name: string, template: Promise<TemplateState>): Promise<string | undefined> {
  const { restore, fingerprint } = await template;
  const renamed = await endConnectionsAndRename(urlBase, name, `${name.replace(/_w\d+_\d+$/, "")}_w${process.pid}_${++databasesMade}`);
  const client = new pg.Client({ connectionString: `${urlBase}/${renamed}` });
  try {
    await client.connect();
    const { rows } = await client.query<{ fingerprint: string }>(SCHEMA_FINGERPRINT);
    if (rows[0]!.fingerprint !== fingerprint) {
      await client.end();
      await dropDatabase(urlBase, renamed);
      return undefined;
    }
    await client.query(restore);
    return renamed;
  } catch (error) {
    await client.end().catch(() => undefined);
    await dropDatabase(urlBase, renamed).catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Ends every connection to the database (pg_terminate_backend with a timeout waits until each has exited,
 * releasing its LISTENs and locks) and renames it, so that nothing the previous test left running (a bot
 * not closed, a pool that reconnects) can reach it under its old name and write into the next test's.
 * A connection that comes back between the two is ended on the next attempt.
 */
async function endConnectionsAndRename(urlBase: string, name: string, renamed: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const ended = await adminQuery<{ ended: boolean }>(
      urlBase,
      `SELECT pg_terminate_backend(pid, 10000) AS ended FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`,
      [name],
    );
    if (ended.some((row) => !row.ended)) throw new ConnectionStillOpen(`test database ${name}: a connection to it did not end within 10 s`);
    try {
      await adminQuery(urlBase, `ALTER DATABASE "${name}" RENAME TO "${renamed}"`);
      return renamed;
    } catch (error) {
      // 55006: another connection came in meanwhile.
      if ((error as { code?: string }).code !== "55006" || attempt === 5) throw error;
    }
  }
}

async function readTemplateState(url: string): Promise<TemplateState> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string; columns: string[] }>(
      `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        GROUP BY c.relname ORDER BY c.relname`,
    );
    const quote = (identifier: string) => client.escapeIdentifier(identifier);
    const statements = [
      "BEGIN",
      "SET LOCAL session_replication_role = replica",
      // DELETE, not TRUNCATE: on these small tables TRUNCATE's new files cost about 40 times as much (800 ms).
      ...tables.rows.map((table) => `DELETE FROM ${quote(table.name)}`),
    ];
    for (const table of tables.rows) {
      const columns = table.columns.map(quote).join(", ");
      const { rows } = await client.query<{ rows: unknown }>(`SELECT json_agg(t)::text AS rows FROM (SELECT ${columns} FROM ${quote(table.name)}) t`);
      if (rows[0]?.rows == null) continue;
      statements.push(
        `INSERT INTO ${quote(table.name)} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${quote(table.name)}, ${client.escapeLiteral(String(rows[0].rows))})`,
      );
    }
    const sequences = await client.query<{ name: string; value: string }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS name,
              CASE WHEN last_value IS NULL THEN format('%s, false', start_value) ELSE format('%s, true', last_value) END AS value
         FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    if (sequences.rows.length > 0) {
      statements.push(`SELECT ${sequences.rows.map((sequence) => `setval(${client.escapeLiteral(sequence.name)}, ${sequence.value})`).join(", ")}`);
    }
    statements.push("COMMIT");
    return { restore: statements.join(";\n"), fingerprint: await schemaFingerprint(client) };
  } finally {
    await client.end();
  }
}

/**
 * Whether a test changed the database's schema, which a reset would not put back (a table dropped, a column or
 * a trigger added, a trigger disabled, a function replaced, a database setting): every change to these
 * catalogs deletes a row or writes one with a newer transaction id, so each one's row count and highest `xmin`
 * move. (VACUUM and ANALYZE write pg_class in place and pg_statistic, so they do not.) A tenth of the cost of
 * comparing the schema's text (pg_get_indexdef and the like).
 */
const CATALOGS = [
  "pg_namespace",
  "pg_class",
  "pg_attribute",
  "pg_attrdef",
  "pg_constraint",
  "pg_index",
  "pg_trigger",
  "pg_proc",
  "pg_type",
  "pg_enum",
  "pg_sequence",
  "pg_policy",
  "pg_rewrite",
  "pg_extension",
];
const SCHEMA_FINGERPRINT = `SELECT concat_ws(' ', ${[
  ...CATALOGS.map((catalog) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM ${catalog})`),
  "(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()))",
].join(", ")}) AS fingerprint`;

async function schemaFingerprint(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ fingerprint: string }>(SCHEMA_FINGERPRINT);
  return rows[0]!.fingerprint;
}

function dropDatabase(urlBase: string, name: string): Promise<void> {
  return asAdmin(urlBase, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** One pool of connections to the `postgres` database per worker, for CREATE and DROP DATABASE (idle, it lets the process end). */
let admin: { urlBase: string; pool: pg.Pool } | undefined;

export async function asAdmin(urlBase: string, sql: string): Promise<void> {
  await adminQuery(urlBase, sql);
}

async function adminQuery<Row extends pg.QueryResultRow>(urlBase: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  if (admin?.urlBase !== urlBase) admin = { urlBase, pool: new pg.Pool({ connectionString: `${urlBase}/postgres`, max: 2, allowExitOnIdle: true }) };
  return (await admin.pool.query<Row>(sql, values)).rows;
}

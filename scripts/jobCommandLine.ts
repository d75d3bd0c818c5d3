import { randomBytes } from "node:crypto";
import { createBot } from "../src/app.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { readJobCommand } from "../src/jobs/cli.ts";
import { refuseJobInstant } from "../src/jobs/instant.ts";
import { runJob } from "../src/jobs/runner.ts";
import { attachmentLinkSecret } from "../src/http/adminToken.ts";
import { adminTokenHash } from "../src/http/auth.ts";
import { createLogger } from "../src/logger.ts";
import { absoluteDatabaseUrl, openDatabase, tuneDatabase, type Database } from "../src/store/database.ts";
import { isPostgresUrl } from "../src/store/postgresConfig.ts";
import { applyMigrations } from "../src/store/migrate.ts";

/** Where `npm run job` reads its settings and the clock, and writes its answer and its complaints. */
export interface JobCommandLineIo {
  env: Record<string, string | undefined>;
  now: () => Date;
  out: (line: string) => void;
  /** A refusal's message, or the error that stopped the run (as the console shows an error: its stack). */
  err: (message: unknown) => void;
}

/**
 * `npm run job -- …` (scripts/job.ts) as a function of its arguments: runs one job once as of an instant and
 * writes `{"job","at","result"}` to `out`. Returns the exit code: 0 done, 2 refused (usage, an unreadable or
 * refused instant), 1 failed (configuration, database). The tests call it in-process; the script, in its own.
 */
export async function runJobCommandLine(argv: readonly string[], io: JobCommandLineIo): Promise<number> {
  const command = readJobCommand(argv, io.now());
  if (!command.ok) {
    io.err(command.message);
    return 2;
  }
  const { name, at, named, force } = command;
  let db: Database | undefined;
  try {
    const config = loadConfig(io.env);
    const databaseUrl = isPostgresUrl(config.DATABASE_URL) ? config.DATABASE_URL : absoluteDatabaseUrl(config.DATABASE_URL);
    await applyMigrations(databaseUrl);
    db = openDatabase(databaseUrl);
    await tuneDatabase(db);
    const refusal = named ? await refuseJobInstant(db, at, io.now(), force) : null;
    if (refusal) {
      io.err(refusal);
      return 2;
    }
    // The job's posts may carry photo links: signed with the key every instance uses. This process serves no API.
    const secrets = { adminToken: adminTokenHash(randomBytes(32).toString("hex")), linkSecret: await attachmentLinkSecret(db, config, io.now()) };
    const bot = createBot(config, db, createLogger(config.LOG_LEVEL), secrets, () => at);
    const result = await runJob(bot.deps, name, at);
    io.out(JSON.stringify({ job: name, at: at.toISOString(), result }));
    return 0;
  } catch (error) {
    io.err(error instanceof ConfigError ? error.message : error);
    return 1;
  } finally {
    await db?.close();
  }
}

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../db/pgCluster.ts";
import { openDatabase } from "../../src/store/database.ts";
import {
  eachJobOncePerTick,
  everyMessageAcknowledged,
  jobRunsOf,
  noPostLost,
  noPostSentTwice,
  nothingAcknowledgedLost,
  oneTicketPerMessage,
  organisationChangeSeen,
  type PropertyResult,
} from "./checks.ts";
import { Instances } from "./instances.ts";
import { RUN_POLICY, seedRunOrganisation } from "./organisation.ts";
import { LATE_ESTATE, measureOrganisationChange } from "./organisationChange.ts";
import { readOutbox, readTickets, waitForOutboxDrained } from "./outcome.ts";
import { FakePlatform } from "./receiver.ts";
import { RUN_ROBOT } from "./signer.ts";
import { planMessages, spray, type Delivery } from "./spray.ts";

export interface RunOptions {
  /** An empty PostgreSQL database: the instances migrate it as they start, all at once. */
  databaseUrl: string;
  instances: number;
  messages: number;
  /** Communities (each a work group, an estate and its residents' chat) the messages are spread over. */
  communities: number;
  concurrency: number;
  /** Every n-th message is sent to two instances at once. */
  raceEvery: number;
  /** After this share of the messages is settled, the first instance is killed with SIGKILL… */
  killAtShare: number;
  /** …and started again this long after. */
  restartAfterMs: number;
  /** The job that ticks often (its `*_CRON` with a seconds field) and how often. */
  job: { name: string; setting: string; everySeconds: number };
  /** How long the outbox may take to deliver everything after the spray. */
  drainWithinMs: number;
  log: (line: string) => void;
}

export const DEFAULT_RUN: Omit<RunOptions, "databaseUrl" | "log"> = {
  instances: 3,
  messages: 600,
  communities: 60,
  concurrency: 12,
  raceEvery: 5,
  killAtShare: 0.4,
  restartAfterMs: 2_000,
  job: { name: "reminders", setting: "REMINDERS_CRON", everySeconds: 2 },
  drainWithinMs: 120_000,
};

export interface RunResult {
  properties: PropertyResult[];
  figures: Record<string, number | string>;
}

const ADMIN_TOKEN = "multi-instance-admin-token-0123456789";

/**
 * The multi-instance run (issue #19 item 4): N server processes on one PostgreSQL database behind a fake
 * platform; the messages sprayed across them with raced retries; one instance killed with SIGKILL mid-run and
 * started again; then each property checked on its own.
 */
export async function runMultiInstance(options: RunOptions): Promise<RunResult> {
  const { log } = options;
  const platform = new FakePlatform();
  const apiBase = await platform.start();
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-multi-"));
  const policyFile = path.join(dir, "policy.json");
  writeFileSync(policyFile, JSON.stringify(RUN_POLICY));
  const ports = await distinctFreePorts(options.instances);
  const instances = new Instances(ports, {
    DATABASE_URL: options.databaseUrl,
    HOST: "127.0.0.1",
    TZ: "Asia/Shanghai",
    ADMIN_TOKEN,
    LOG_LEVEL: "info",
    DEMO_SEED: "false",
    SANDBOX_ENABLED: "false",
    WECOM_BOT_TOKEN: RUN_ROBOT.token,
    WECOM_BOT_ENCODING_AES_KEY: RUN_ROBOT.encodingAESKey,
    WECOM_API_BASE: apiBase,
    POLICY_FILE: policyFile,
    ATTACHMENT_DIR: path.join(dir, "attachments"),
    OUTBOX_RATE_PER_MINUTE: "20",
    OUTBOX_POLL_MS: "200",
    SHUTDOWN_TIMEOUT_MS: "5000",
    [options.job.setting]: `*/${options.job.everySeconds} * * * * *`,
  });
  const db = openDatabase(options.databaseUrl);
  const figures: Record<string, number | string> = { instances: options.instances, messages: options.messages };
  try {
    let started = performance.now();
    instances.startAll();
    await Promise.all(instances.all.map((instance) => instances.ready(instance)));
    figures.startAllMs = Math.round(performance.now() - started);
    log(`${options.instances} instances ready on one database in ${figures.startAllMs} ms (migrated together)`);
    const jobsFrom = Date.now();

    const organisation = await seedRunOrganisation(db, options.communities);
    const messages = planMessages(organisation, options.messages, options.raceEvery, `mi-${Date.now().toString(36)}`);
    const victim = instances.all[0]!;
    const killAt = Math.max(1, Math.floor(options.messages * options.killAtShare));
    let restarted: Promise<void> = Promise.resolve();
    let killedAt = Infinity;
    started = performance.now();
    const deliveries: Delivery[] = await spray(messages, {
      ports: () => ports,
      concurrency: options.concurrency,
      retryForMs: 60_000,
      onSettled: (settled) => {
        if (settled !== killAt) return;
        restarted = (async () => {
          await instances.kill(victim);
          killedAt = Date.now();
          log(`${victim.name} killed with SIGKILL after ${settled} messages`);
          await new Promise((resolve) => setTimeout(resolve, options.restartAfterMs));
          const restarting = performance.now();
          instances.start(victim);
          await instances.ready(victim);
          figures.restartReadyMs = Math.round(performance.now() - restarting);
          log(`${victim.name} started again, ready in ${figures.restartReadyMs} ms`);
        })();
      },
    });
    figures.sprayMs = Math.round(performance.now() - started);
    figures.messagesPerSecond = Number(((options.messages / figures.sprayMs) * 1000).toFixed(1));
    figures.sends = deliveries.reduce((sum, delivery) => sum + delivery.sends, 0);
    figures.raced = deliveries.filter((delivery) => delivery.message.raced).length;
    log(`${options.messages} messages sprayed in ${figures.sprayMs} ms (${figures.sends} sends, ${figures.raced} raced)`);
    await restarted;

    const through = instances.all[1]!;
    const others = new Map(instances.all.filter((instance) => instance !== through).map((instance) => [instance.name, instance.port]));
    const seen = await measureOrganisationChange(through.port, others, ADMIN_TOKEN);
    log(`organisation change through ${through.name}: ${[...seen].map(([name, ms]) => `${name} ${ms ?? "—"} ms`).join(", ")}`);

    started = performance.now();
    const drained = await waitForOutboxDrained(db, options.drainWithinMs);
    figures.drainMs = Math.round(performance.now() - started);
    log(`outbox ${drained ? "drained" : "NOT drained"} ${figures.drainMs} ms after the spray`);
    // A send under way when the last row turned sent is given time to arrive: a double shows up here.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const jobsSeconds = (Date.now() - jobsFrom) / 1000;

    const tickets = (await readTickets(db)).filter((ticket) => ticket.unitId !== LATE_ESTATE.unitId);
    const outbox = await readOutbox(db, organisation.staffKeys);
    const runs = instances.all.flatMap((instance) => jobRunsOf(instance.name, instance.lines));
    figures.postsQueued = outbox.length;
    figures.postsReceived = platform.posts.length;
    return {
      properties: [
        everyMessageAcknowledged(deliveries),
        oneTicketPerMessage(deliveries, tickets),
        nothingAcknowledgedLost(deliveries, tickets),
        noPostLost(outbox, platform.posts),
        noPostSentTwice(outbox, platform.posts, killedAt),
        eachJobOncePerTick(runs, options.job.name, Math.max(1, Math.floor(jobsSeconds / options.job.everySeconds / 2))),
        organisationChangeSeen(seen, 1_000),
      ],
      figures,
    };
  } finally {
    await instances.stopAll();
    await db.close();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

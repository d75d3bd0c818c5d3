import { signedRobotCallback } from "./signer.ts";
import type { RunOrganisation } from "./organisation.ts";

const PROBLEMS = ["楼道灯不亮了", "电梯坏了", "水管漏水", "门口垃圾没人清运", "楼上装修太吵", "充电桩坏了", "下水道堵了", "路灯不亮"];

/** One resident's report of the run: its platform message id, chat, and the place that makes it its own matter. */
export interface PlannedMessage {
  msgid: string;
  chatId: string;
  unitId: string;
  building: string;
  userId: string;
  text: string;
  /** Sent to two instances at once, as a platform retry racing the first delivery. */
  raced: boolean;
}

/**
 * `count` reports, each about its own building of its own estate (so none is a duplicate of another and each
 * must become exactly one ticket), from a resident of its own; every `raceEvery`th is raced.
 */
export function planMessages(organisation: RunOrganisation, count: number, raceEvery: number, runId: string): PlannedMessage[] {
  const estates = organisation.estates;
  return Array.from({ length: count }, (_, i) => {
    const estate = estates[i % estates.length]!;
    const building = String(Math.floor(i / estates.length) + 1);
    return {
      msgid: `${runId}-${i}`,
      chatId: estate.chatId,
      unitId: estate.unitId,
      building,
      userId: `resident-${i}`,
      text: `${building}号楼${(i % 6) + 1}单元${PROBLEMS[i % PROBLEMS.length]}`,
      raced: i % raceEvery === 0,
    };
  });
}

/** What became of one message on the platform's side: answered 200 (acknowledged) or not, and how many sends. */
export interface Delivery {
  message: PlannedMessage;
  acknowledged: boolean;
  sends: number;
  statuses: string[];
}

export interface SprayOptions {
  /** Each instance's port; a send picks one, as a load balancer would, and a retry the next. */
  ports: () => readonly number[];
  concurrency: number;
  /** How long the platform keeps retrying one message (WeCom and DingTalk retry for a while, then give up). */
  retryForMs: number;
  /** Called after each message is settled, with how many are settled so far (the run kills an instance from here). */
  onSettled?: (settled: number) => void;
}

/**
 * Sends every message through the instances, `concurrency` at a time. A send that is not answered 200 (the
 * instance was killed, a 503 when the message could not be stored) is sent again to the next instance after
 * 200 ms, as the platform retries, until `retryForMs` has passed. A raced message is sent to two instances at
 * once from the start.
 */
export async function spray(messages: readonly PlannedMessage[], options: SprayOptions): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  let next = 0;
  let settled = 0;
  const worker = async () => {
    while (next < messages.length) {
      const index = next++;
      const message = messages[index]!;
      const delivery = await deliver(message, index, options);
      deliveries[index] = delivery;
      options.onSettled?.(++settled);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return deliveries;
}

async function deliver(message: PlannedMessage, index: number, options: SprayOptions): Promise<Delivery> {
  const delivery: Delivery = { message, acknowledged: false, sends: 0, statuses: [] };
  const deadline = Date.now() + options.retryForMs;
  for (let attempt = 0; !delivery.acknowledged && Date.now() < deadline; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const ports = options.ports();
    const targets =
      message.raced && attempt === 0 ? [ports[index % ports.length]!, ports[(index + 1) % ports.length]!] : [ports[(index + attempt) % ports.length]!];
    const answers = await Promise.all(targets.map((port) => send(port, message)));
    delivery.sends += targets.length;
    delivery.statuses.push(...answers);
    if (answers.includes("200")) delivery.acknowledged = true;
  }
  return delivery;
}

/** One signed callback to one instance: its HTTP status, or the network error's code. */
async function send(port: number, message: PlannedMessage): Promise<string> {
  const callback = signedRobotCallback(message);
  try {
    const response = await fetch(`http://127.0.0.1:${port}${callback.path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: callback.body,
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    return String(response.status);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).name;
  }
}

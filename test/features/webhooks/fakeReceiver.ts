import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The README's verification, step by step (「对接其他系统：Webhook 与 12345」): the receiver's side of a
 * delivery. Returns why a request is refused, or null when it is genuine and new.
 */
export function verifyDelivery(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  nowSeconds: number,
  seen: Set<string>,
): string | null {
  const timestamp = String(headers["x-yishi-timestamp"] ?? "");
  const signatures = String(headers["x-yishi-signature"] ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3));
  const eventId = String(headers["x-yishi-delivery"] ?? "");
  // 1. The timestamp is recent: 5 minutes either way.
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return "stale";
  // 2. One of the signatures is HMAC-SHA256(secret, timestamp + "." + body), compared in constant time.
  const expected = Buffer.from(createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex"));
  const genuine = signatures.some((signature) => signature.length === expected.length && timingSafeEqual(Buffer.from(signature), expected));
  if (!genuine) return "bad signature";
  // 3. Each event once: a retry or a replay carries the same id.
  if (seen.has(eventId)) return "duplicate";
  seen.add(eventId);
  return null;
}

export interface Received {
  headers: IncomingMessage["headers"];
  body: string;
  document: any;
  /** Why the receiver refused it, or null. */
  refused: string | null;
  /** What it answered. */
  status: number;
}

type Answer = { status: number; body?: string; headers?: Record<string, string> };

/** A real HTTP receiver on 127.0.0.1: verifies each delivery and answers what the test queued (200 by default). */
export class FakeReceiver {
  readonly received: Received[] = [];
  readonly seen = new Set<string>();
  private readonly answers: Answer[] = [];
  private server: Server | undefined;
  port = 0;
  secrets: string[] = [];

  constructor(private readonly nowSeconds: () => number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** The next requests' answers, in order; then 200 again. */
  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const answer = this.answers.shift() ?? { status: 200, body: "{}" };
        // Only an event taken in (a 2xx) counts as seen: one answered 5xx will come again, and is wanted.
        const seen = answer.status < 300 ? this.seen : new Set(this.seen);
        const reasons = this.secrets.map((secret) => verifyDelivery(secret, request.headers, body, this.nowSeconds(), new Set(seen)));
        const good = reasons.indexOf(null);
        const refused = good < 0 ? (reasons[0] ?? "no secret") : verifyDelivery(this.secrets[good]!, request.headers, body, this.nowSeconds(), seen);
        this.received.push({ headers: request.headers, body, document: JSON.parse(body), refused, status: answer.status });
        response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        response.end(answer.body ?? "");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Down: the port refuses connections until start() again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** The genuine, new deliveries it took in (answered 2xx): their documents. */
  get accepted(): any[] {
    return this.received.filter((item) => item.refused === null && item.status < 300).map((item) => item.document);
  }
}

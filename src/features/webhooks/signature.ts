import { createHmac, randomBytes } from "node:crypto";

/** The headers every delivery carries (README 「对接其他系统：Webhook 与 12345」). */
export const WEBHOOK_HEADERS = {
  event: "X-Yishi-Event",
  delivery: "X-Yishi-Delivery",
  timestamp: "X-Yishi-Timestamp",
  signature: "X-Yishi-Signature",
} as const;

/** A new endpoint secret: 32 random bytes, shown to the operator once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** HMAC-SHA256 of `timestamp + "." + body` with `secret`, in hex. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * The signature header: `v1=<hex>`, and during a rotation's grace period a second `v1=` signed with the
 * previous secret (`v1=<new>,v1=<old>`): a receiver accepts the request if any one matches its secret.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`).join(",");
}

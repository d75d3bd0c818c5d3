import { createHmac, timingSafeEqual } from "node:crypto";

/** Base64(HmacSHA256(secret, timestamp + "\n" + secret)): DingTalk's callback and custom-robot signature. */
export function dingtalkSignature(secret: string, timestamp: string): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

export function signaturesMatch(expected: string, given: string): boolean {
  const left = Buffer.from(expected);
  const right = Buffer.from(given);
  return left.length === right.length && timingSafeEqual(left, right);
}

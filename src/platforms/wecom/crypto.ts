import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";

import { CallbackRejected } from "../errors.ts";

export { CallbackRejected };

export interface WecomKeys {
  token: string;
  encodingAESKey: string;
  /** The corp id for a self-built app; "" for an internal intelligent robot. */
  receiveId: string;
}

export interface SignedCiphertext {
  signature: string;
  timestamp: string;
  nonce: string;
  ciphertext: string;
}

function sameText(a: string, b: string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
}

/**
 * Checks the signature (sha1 over the sorted token, timestamp, nonce and ciphertext, compared in
 * constant time), decrypts, and checks the receive id. @wecom/crypto's decrypt checks neither, and on
 * a bad key returns garbage instead of throwing, hence the checks here.
 */
export function openCiphertext(keys: WecomKeys, signed: SignedCiphertext): string {
  if (!signed.signature || !signed.timestamp || !signed.nonce || !signed.ciphertext) {
    throw new CallbackRejected(400, "missing signature parameters or ciphertext");
  }
  const expected = getSignature(keys.token, signed.timestamp, signed.nonce, signed.ciphertext);
  if (!sameText(expected, signed.signature.toLowerCase())) throw new CallbackRejected(401, "bad signature");
  let opened: { message: string; id: string };
  try {
    opened = decrypt(keys.encodingAESKey, signed.ciphertext);
  } catch {
    throw new CallbackRejected(400, "ciphertext cannot be decrypted");
  }
  if (opened.id !== keys.receiveId) throw new CallbackRejected(401, "wrong receive id");
  if (opened.message.length === 0 || opened.message.includes("\u0000")) throw new CallbackRejected(400, "implausible plaintext");
  return opened.message;
}

/**
 * How far a callback's timestamp may be from now. WeCom retries an unanswered callback within seconds, so
 * ten minutes covers retries and clock drift; a correctly signed callback older than that is a replay.
 */
export const MAX_TIMESTAMP_SKEW_SECONDS = 10 * 60;

/** Refuses a callback whose timestamp (seconds) is missing or more than ten minutes from `now`. */
export function requireFreshTimestamp(timestamp: string | undefined, now: Date): void {
  if (!timestamp || !/^\d{9,11}$/.test(timestamp)) throw new CallbackRejected(400, "missing or malformed timestamp");
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_TIMESTAMP_SKEW_SECONDS) throw new CallbackRejected(401, "stale timestamp");
}

/** Encrypts and signs a passive reply. `random` is for tests that reproduce the official vector. */
export function sealReply(keys: WecomKeys, plaintext: string, timestamp: string, nonce: string, random: Buffer = randomBytes(16)) {
  const ciphertext = encrypt(keys.encodingAESKey, plaintext, keys.receiveId, random);
  return { ciphertext, signature: getSignature(keys.token, timestamp, nonce, ciphertext) };
}

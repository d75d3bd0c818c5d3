import { createDecipheriv } from "node:crypto";
import type { IncomingImage } from "../../messaging/types.ts";
import { downloadBytes } from "../http.ts";

/**
 * WeCom intelligent-robot media: the callback names a URL valid for five minutes, whose bytes are the
 * file encrypted with AES-256-CBC. The key is the per-message `aeskey` where one is given (long
 * connection), else the robot's EncodingAESKey; the IV is the key's first 16 bytes; the padding is
 * PKCS#7 to a multiple of 32, which Node's own unpadding (16) would reject, so it is stripped here.
 */

const PAD_BLOCK = 32;

/** A base64 key, with or without its trailing "=" (an EncodingAESKey is 43 characters without it). */
export function mediaKey(base64Key: string): Buffer {
  const padded = base64Key.length % 4 === 0 ? base64Key : base64Key + "=".repeat(4 - (base64Key.length % 4));
  const key = Buffer.from(padded, "base64");
  if (key.length !== 32) throw new Error("media key is not 32 bytes");
  return key;
}

export function decryptWecomMedia(ciphertext: Uint8Array, base64Key: string): Uint8Array {
  const key = mediaKey(base64Key);
  if (ciphertext.byteLength === 0 || ciphertext.byteLength % 16 !== 0) throw new Error("media ciphertext is not whole AES blocks");
  const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length || !plain.subarray(plain.length - pad).every((byte) => byte === pad)) {
    throw new Error("media padding is not PKCS#7: wrong key?");
  }
  return new Uint8Array(plain.subarray(0, plain.length - pad));
}

/** An image a callback names: downloaded and decrypted when the bot keeps it. */
export function wecomImage(url: string, base64Key: string): IncomingImage {
  return {
    async fetch({ signal, maxBytes }) {
      // The ciphertext carries up to one padding block more than the picture.
      const ciphertext = await downloadBytes(url, { signal, maxBytes: maxBytes + PAD_BLOCK });
      return decryptWecomMedia(ciphertext, base64Key);
    },
  };
}

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImageTooLarge } from "../../../src/messaging/errors.ts";
import { decryptWecomMedia, wecomImage } from "../../../src/platforms/wecom/media.ts";
import { startFileServer, type FileServer } from "../../helpers/fileServer.ts";
import { encryptWecomMedia } from "../../helpers/platformClients.ts";

// The EncodingAESKey of WeCom's published worked example (../shared/PROTOCOLS.md, vector A).
const VECTOR_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
const png = new Uint8Array(readFileSync(new URL("../../fixtures/media/lamp.png", import.meta.url)));
const gif = new Uint8Array(readFileSync(new URL("../../fixtures/media/dot.gif", import.meta.url)));
const fetchOptions = (maxBytes = 10 * 1024 * 1024) => ({ signal: AbortSignal.timeout(3000), maxBytes });

let files: FileServer;
beforeAll(async () => {
  files = await startFileServer();
});
afterAll(async () => {
  await files.close();
});

describe("a WeCom robot picture", () => {
  it("is downloaded and decrypted with the EncodingAESKey to the very bytes of the PNG", async () => {
    // 96 bytes: a whole 32-byte block of padding follows, which Node's own unpadding (16) would refuse.
    expect(png.byteLength % 32).toBe(0);
    const url = files.serve("/BHoPdA3/lamp", encryptWecomMedia(png, VECTOR_KEY));
    const bytes = await wecomImage(url, VECTOR_KEY).fetch(fetchOptions());
    expect(Buffer.from(bytes).equals(Buffer.from(png))).toBe(true);
    expect(files.hits.get("/BHoPdA3/lamp")).toBe(1);
  });

  it("is decrypted with the message's own aeskey (long connection), padded to any length", () => {
    const aeskey = Buffer.alloc(32, 7).toString("base64");
    expect(Buffer.from(decryptWecomMedia(encryptWecomMedia(gif, aeskey), aeskey)).equals(Buffer.from(gif))).toBe(true);
    expect(Buffer.from(decryptWecomMedia(encryptWecomMedia(gif, VECTOR_KEY), VECTOR_KEY)).equals(Buffer.from(gif))).toBe(true);
  });

  it("is refused when the key is wrong or the ciphertext is not whole blocks", () => {
    const ciphertext = encryptWecomMedia(png, VECTOR_KEY);
    expect(() => decryptWecomMedia(ciphertext, "a".repeat(11) + "BcDeFgHiJkLmNoPqRsTuVwXyZ0123456")).toThrow();
    expect(() => decryptWecomMedia(ciphertext.subarray(0, 40), VECTOR_KEY)).toThrow(/blocks/);
    expect(() => decryptWecomMedia(ciphertext, "c2hvcnQ=")).toThrow(/32 bytes/);
  });

  it("stops at the size limit and says so, and fails on a file host error", async () => {
    const url = files.serve("/big", encryptWecomMedia(new Uint8Array(4096).fill(1), VECTOR_KEY));
    await expect(wecomImage(url, VECTOR_KEY).fetch(fetchOptions(1000))).rejects.toBeInstanceOf(ImageTooLarge);
    const expired = files.serve("/expired", null, 403);
    await expect(wecomImage(expired, VECTOR_KEY).fetch(fetchOptions())).rejects.toThrow(/403/);
  });
});

import type { SendResult } from "../messaging/types.ts";
import { ImageTooLarge } from "../messaging/errors.ts";
import { rateLimited } from "./errors.ts";

/** A 429's Retry-After (seconds or an HTTP date), at least a minute: the robots' limits are counted per minute. */
function retryAfterMs(header: string | null, now = Date.now()): number {
  const seconds = Number(header);
  const asked = header === null ? 0 : Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Math.max(60_000, Number.isFinite(asked) ? Math.min(asked, 30 * 60_000) : 0);
}

/** POSTs JSON and reads a JSON answer; network errors and 5xx are retryable, 429 rate-limited, other statuses final. */
export async function postJson(
  url: string,
  body: unknown,
  timeoutMs = 10_000,
  headers: Record<string, string> = {},
): Promise<{ ok: true; json: Record<string, unknown> } | { ok: false; result: SendResult }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, result: { ok: false, retryable: true, error: `network: ${(error as Error).message}` } };
  }
  if (response.status === 429) return { ok: false, result: rateLimited("http 429", retryAfterMs(response.headers.get("retry-after"))) };
  if (response.status >= 500) return { ok: false, result: { ok: false, retryable: true, error: `http ${response.status}` } };
  if (!response.ok) return { ok: false, result: { ok: false, retryable: false, error: `http ${response.status}` } };
  try {
    return { ok: true, json: (await response.json()) as Record<string, unknown> };
  } catch {
    return { ok: false, result: { ok: false, retryable: true, error: "answer is not JSON" } };
  }
}

export interface DownloadOptions {
  signal: AbortSignal;
  /** More than this many bytes is refused with ImageTooLarge, without reading the rest. */
  maxBytes: number;
  headers?: Record<string, string>;
}

/** GETs a file into memory, refusing a non-2xx answer and stopping at `maxBytes`. */
export async function downloadBytes(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const response = await fetch(url, { ...(options.headers ? { headers: options.headers } : {}), signal: options.signal, redirect: "follow" });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`download answered http ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ImageTooLarge(options.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > options.maxBytes) throw new ImageTooLarge(options.maxBytes);
    chunks.push(chunk);
  }
  // A Buffer is a Uint8Array already: wrapping it in another would copy the picture once more.
  return Buffer.concat(chunks, total);
}

import type { SendFailure } from "../messaging/types.ts";
import { ImageTooLarge } from "../messaging/errors.ts";
import { outage, permanent, rateLimited, rejected } from "./errors.ts";

/** A 429's Retry-After (seconds or an HTTP date), at least a minute: the robots' limits are counted per minute. */
function retryAfterMs(header: string | null, now = Date.now()): number {
  const seconds = Number(header);
  const asked = header === null ? 0 : Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Math.max(60_000, Number.isFinite(asked) ? Math.min(asked, 30 * 60_000) : 0);
}

/** A JSON answer, or the failure its status (or its absence) means for a send. */
export type JsonAnswer = { ok: true; status: number; json: Record<string, unknown> } | { ok: false; status: number | null; failure: SendFailure };

export interface PostJsonOptions {
  headers?: Record<string, string>;
  /** Aborts the request (a caller's own deadline); otherwise it times out after `timeoutMs`. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * The one JSON POST every platform's client makes: no answer (network, timeout) and 5xx are an outage, 429 a
 * rate limit, other non-2xx permanent, a 2xx that is not JSON a refusal a later try may pass. The status is
 * kept for a client that reads more into it (an expired token's 401).
 */
export function postJson(url: string, body: unknown, options: PostJsonOptions = {}): Promise<JsonAnswer> {
  return requestJson(
    url,
    { method: "POST", headers: { "content-type": "application/json; charset=utf-8", ...options.headers }, body: JSON.stringify(body) },
    options,
  );
}

/** The same for a GET (WeCom's token and its sign-in's user lookup are GETs), read the same way. */
export function getJson(url: string, options: PostJsonOptions = {}): Promise<JsonAnswer> {
  return requestJson(url, { method: "GET", ...(options.headers ? { headers: options.headers } : {}) }, options);
}

async function requestJson(url: string, init: RequestInit, options: PostJsonOptions): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: options.signal ?? AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  } catch (error) {
    return { ok: false, status: null, failure: outage(`network: ${(error as Error).message}`) };
  }
  const { status } = response;
  if (status === 429) return { ok: false, status, failure: rateLimited("http 429", retryAfterMs(response.headers.get("retry-after"))) };
  if (status >= 500) return { ok: false, status, failure: outage(`http ${status}`) };
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, status, failure: permanent(`http ${status}`) };
  }
  try {
    return { ok: true, status, json: (await response.json()) as Record<string, unknown> };
  } catch {
    return { ok: false, status, failure: rejected("answer is not JSON") };
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

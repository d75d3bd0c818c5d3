import type { SendResult } from "../messaging/types.ts";

/** POSTs JSON and reads a JSON answer; network errors and 5xx are retryable, other statuses are not. */
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
  if (response.status >= 500 || response.status === 429) {
    return { ok: false, result: { ok: false, retryable: true, error: `http ${response.status}` } };
  }
  if (!response.ok) return { ok: false, result: { ok: false, retryable: false, error: `http ${response.status}` } };
  try {
    return { ok: true, json: (await response.json()) as Record<string, unknown> };
  } catch {
    return { ok: false, result: { ok: false, retryable: true, error: "answer is not JSON" } };
  }
}

/** What a receiver answered, or why it did not. */
export type ReceiverAnswer = { answered: true; status: number; body: string; retryAfter: string | null } | { answered: false; error: string };

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** The most of a receiver's answer read (a 12345 reply is a small JSON object). */
const MAX_ANSWER_CHARS = 16_384;

/** Posts one delivery; never throws: a refused connection, a reset or the timeout is an answer of its own. */
export type SendWebhook = (request: WebhookRequest) => Promise<ReceiverAnswer>;

export const sendWebhook: SendWebhook = async ({ url, headers, body, timeoutMs }) => {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "user-agent": "yishi-bot-webhooks/1", ...headers },
      body,
      // A redirect is an answer (a 3xx: dead), not somewhere to send the signed document.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).slice(0, MAX_ANSWER_CHARS);
    return { answered: true, status: response.status, body: text, retryAfter: response.headers.get("retry-after") };
  } catch (error) {
    const err = error as Error & { cause?: { code?: string } };
    const reason = err.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.message);
    return { answered: false, error: reason };
  }
};

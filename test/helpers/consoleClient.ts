import type { TestBot } from "./testBot.ts";

/** A signed-in console user: a cookie and the session's CSRF token, as the console's page holds them. */
export interface ConsoleClient {
  cookie: string;
  csrfToken: string;
  get: (path: string) => Promise<{ status: number; body: any; headers: Headers; raw: ArrayBuffer }>;
  post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>;
}

/** The sign-in link's token in a reply to 工作台. */
export function tokenIn(text: string): string {
  const match = /\/console\/#\/sign-in\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no sign-in link in: ${text}`);
  return match[1]!;
}

export async function startSession(t: TestBot, token: string): Promise<{ status: number; body: any; cookie: string | null }> {
  const response = await fetch(`${t.baseUrl}/console/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: t.baseUrl },
    body: JSON.stringify({ token }),
  });
  const cookie = response.headers.get("set-cookie");
  return { status: response.status, body: await response.json(), cookie: cookie ? cookie.split(";")[0]! : null };
}

/** Signs in as a sandbox member by asking for 工作台 in a group and following the link. */
export async function signInAs(t: TestBot, groupId: string, userId: string): Promise<ConsoleClient> {
  const [answer] = await t.say(groupId, userId, "工作台");
  const started = await startSession(t, tokenIn(answer!));
  if (started.status !== 201 || !started.cookie) throw new Error(`sign-in answered ${started.status}: ${JSON.stringify(started.body)}`);
  return consoleClient(t, started.cookie, started.body.csrfToken);
}

export function consoleClient(t: TestBot, cookie: string, csrfToken: string): ConsoleClient {
  return {
    cookie,
    csrfToken,
    get: async (path) => {
      const response = await fetch(t.baseUrl + path, { headers: { cookie } });
      const raw = await response.arrayBuffer();
      const text = Buffer.from(raw).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: response.status, body, headers: response.headers, raw };
    },
    post: async (path, body, headers = {}) => {
      const response = await fetch(t.baseUrl + path, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: t.baseUrl, "x-console-csrf": csrfToken, ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
  };
}

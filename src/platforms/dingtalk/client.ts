import type { SendFailure } from "../../messaging/types.ts";
import { permanent } from "../errors.ts";
import { postJson, type JsonAnswer } from "../http.ts";
import { TokenCache } from "../tokenCache.ts";
import { untilAborted } from "../../untilAborted.ts";

/**
 * DingTalk's OpenAPI (api.dingtalk.com) as the app: one access token (POST /v1.0/oauth2/accessToken, from
 * DINGTALK_APP_KEY and DINGTALK_APP_SECRET), kept until shortly before it expires and shared by every call —
 * robot file downloads, interactive cards, and whatever else the app is asked (a staff sign-in's user lookup
 * goes here too). Robot webhooks need no token: they use postJson directly (push.ts).
 */
export interface DingtalkClientSettings {
  openApiBase: string;
  /** The older API host (oapi.dingtalk.com): the same token goes in its query (免登's user lookup). */
  apiBase?: string;
  appKey: string | undefined;
  appSecret: string;
  clock: () => Date;
}

/** The older host's codes for a token that is not (or no longer) valid. */
const STALE_TOKEN = new Set([88, 40014, 42001]);

/** The token could not be had: what it means for the call that needed it. */
class TokenRefused extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.error);
  }
}

export class DingtalkClient {
  private readonly tokens: TokenCache;

  constructor(private readonly settings: DingtalkClientSettings) {
    this.tokens = new TokenCache(() => this.issueToken(), settings.clock);
  }

  /**
   * POSTs to an OpenAPI path with the app's access token. A 401 or 403 means the token expired or was
   * revoked: it is forgotten, and the call is a refusal a later try may pass (with a new token).
   */
  async post(path: string, body: unknown, signal?: AbortSignal): Promise<JsonAnswer> {
    let token: string;
    try {
      token = await (signal ? untilAborted(this.tokens.get(), signal) : this.tokens.get());
    } catch (error) {
      if (error instanceof TokenRefused) return { ok: false, status: null, failure: error.failure };
      throw error;
    }
    const answer = await postJson(`${this.settings.openApiBase}${path}`, body, {
      headers: { "x-acs-dingtalk-access-token": token },
      ...(signal ? { signal } : {}),
    });
    if (!answer.ok && (answer.status === 401 || answer.status === 403)) {
      this.tokens.forget();
      return { ...answer, failure: { ...answer.failure, kind: "rejected" } };
    }
    return answer;
  }

  /**
   * POSTs to the older API host with the same token in the query (an internal app's token serves both hosts),
   * reading its `errcode`: a token it calls invalid or expired is forgotten and the call made once more.
   */
  async postOapi(path: string, body: unknown): Promise<JsonAnswer> {
    const base = this.settings.apiBase ?? "https://oapi.dingtalk.com";
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await this.tokens.get();
      } catch (error) {
        if (error instanceof TokenRefused) return { ok: false, status: null, failure: error.failure };
        throw error;
      }
      const answer = await postJson(`${base}${path}?${new URLSearchParams({ access_token: token }).toString()}`, body);
      if (answer.ok && STALE_TOKEN.has(Number(answer.json.errcode)) && attempt === 0) {
        this.tokens.forget();
        continue;
      }
      return answer;
    }
  }

  private async issueToken(): Promise<{ value: string; lifetimeMs: number }> {
    const { appKey, appSecret, openApiBase } = this.settings;
    if (!appKey) throw new TokenRefused(permanent("DINGTALK_APP_KEY is not set: no access token"));
    const answer = await postJson(`${openApiBase}/v1.0/oauth2/accessToken`, { appKey, appSecret });
    if (!answer.ok) throw new TokenRefused(answer.failure);
    const value = typeof answer.json.accessToken === "string" ? answer.json.accessToken : "";
    if (!value) throw new TokenRefused(permanent(`no access token: ${String(answer.json.message ?? "")}`));
    return { value, lifetimeMs: (Number(answer.json.expireIn) || 7200) * 1000 };
  }
}

import type { StaffIdentity } from "../adapter.ts";
import { outage } from "../errors.ts";
import { getJson, type JsonAnswer } from "../http.ts";
import { TokenCache } from "../tokenCache.ts";

/**
 * WeCom's server API (qyapi.weixin.qq.com) as the self-built app: one access token (GET /cgi-bin/gettoken from
 * WECOM_CORP_ID and WECOM_APP_SECRET), kept until shortly before it expires and shared by every call the app
 * makes (a staff sign-in's user lookup).
 */
export interface WecomClientSettings {
  apiBase: string;
  corpId: string;
  appSecret: string;
  clock: () => Date;
}

/** WeCom's codes for an access token that is invalid or expired: forget it and ask again once. */
const STALE_TOKEN = new Set([40014, 42001]);
/** A code that is invalid, used (a code works once) or past its five minutes. */
const BAD_CODE = new Set([40029, 40163, 50001]);

class TokenUnavailable extends Error {}

export class WecomClient {
  private readonly tokens: TokenCache;

  constructor(private readonly settings: WecomClientSettings) {
    this.tokens = new TokenCache(() => this.issueToken(), settings.clock);
  }

  /**
   * 网页授权登录 (snsapi_base): the code WeCom gave the browser → the member's userid. Someone outside the
   * organisation gets an openid instead, and is refused here.
   */
  async userIdFor(code: string): Promise<StaffIdentity> {
    const answer = await this.get("/cgi-bin/auth/getuserinfo", { code });
    if (!answer.ok) return { ok: false, reason: "unavailable", detail: answer.failure.error };
    const { errcode, errmsg, userid, openid } = answer.json as { errcode?: number; errmsg?: string; userid?: unknown; openid?: unknown };
    if (errcode && BAD_CODE.has(errcode)) return { ok: false, reason: "badCode", detail: `errcode ${errcode}: ${errmsg ?? ""}` };
    if (errcode) return { ok: false, reason: "unavailable", detail: `errcode ${errcode}: ${errmsg ?? ""}` };
    if (typeof userid === "string" && userid) return { ok: true, userId: userid };
    return { ok: false, reason: "notMember", detail: typeof openid === "string" ? "an openid: not a member of the organisation" : "no userid" };
  }

  /** GETs an API path with the access token; a stale token is forgotten and the call made once more with a new one. */
  private async get(path: string, query: Record<string, string>): Promise<JsonAnswer> {
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await this.tokens.get();
      } catch (error) {
        if (error instanceof TokenUnavailable) return { ok: false, status: null, failure: outage(error.message) };
        throw error;
      }
      const answer = await getJson(`${this.settings.apiBase}${path}?${new URLSearchParams({ access_token: token, ...query }).toString()}`);
      if (answer.ok && STALE_TOKEN.has(Number(answer.json.errcode)) && attempt === 0) {
        this.tokens.forget();
        continue;
      }
      return answer;
    }
  }

  private async issueToken(): Promise<{ value: string; lifetimeMs: number }> {
    const { apiBase, corpId, appSecret } = this.settings;
    const answer = await getJson(`${apiBase}/cgi-bin/gettoken?${new URLSearchParams({ corpid: corpId, corpsecret: appSecret }).toString()}`);
    if (!answer.ok) throw new TokenUnavailable(`gettoken: ${answer.failure.error}`);
    const value = typeof answer.json.access_token === "string" ? answer.json.access_token : "";
    if (!value) throw new TokenUnavailable(`gettoken: errcode ${String(answer.json.errcode)} ${String(answer.json.errmsg ?? "")}`);
    return { value, lifetimeMs: (Number(answer.json.expires_in) || 7200) * 1000 };
  }
}

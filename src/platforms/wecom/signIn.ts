import type { StaffSignIn } from "../adapter.ts";
import { WecomClient } from "./client.ts";

export interface WecomSignInSettings {
  corpId: string;
  agentId: string;
  appSecret: string;
  apiBase: string;
  /** The authorisation page's host (open.weixin.qq.com; a test's stand-in). */
  authorizeBase: string;
  clock: () => Date;
}

/**
 * 网页授权登录 inside WeCom: the console sends the browser to WeCom's authorisation page with scope
 * snsapi_base (no consent screen: WeCom's own browser passes straight back), which returns to the callback
 * with a code; the code, traded on the server, names the member's userid.
 */
export function wecomSignIn(settings: WecomSignInSettings): StaffSignIn {
  const client = new WecomClient({ apiBase: settings.apiBase, corpId: settings.corpId, appSecret: settings.appSecret, clock: settings.clock });
  return {
    kind: "redirect",
    label: "企业微信登录",
    authorizeUrl: (redirectUri, state) => wecomAuthorizeUrl(settings, redirectUri, state),
    userIdFor: (code) => client.userIdFor(code),
  };
}

/** WeCom wants its parameters in this order and the #wechat_redirect fragment, or its page refuses. */
export function wecomAuthorizeUrl(settings: Pick<WecomSignInSettings, "corpId" | "agentId" | "authorizeBase">, redirectUri: string, state: string): string {
  const query = [
    `appid=${encodeURIComponent(settings.corpId)}`,
    `redirect_uri=${encodeURIComponent(redirectUri)}`,
    "response_type=code",
    "scope=snsapi_base",
    `state=${encodeURIComponent(state)}`,
    `agentid=${encodeURIComponent(settings.agentId)}`,
  ].join("&");
  return `${settings.authorizeBase}/connect/oauth2/authorize?${query}#wechat_redirect`;
}

import type { StaffIdentity, StaffSignIn } from "../adapter.ts";
import type { DingtalkClient } from "./client.ts";

/** 不存在的临时授权码: unknown, used (a code works once) or past its five minutes. */
const BAD_CODE = new Set([40078]);

/**
 * 免登 inside DingTalk (an H5 micro-app whose home page is the console): the page asks the DingTalk app for an
 * authCode (dd.runtime.permission.requestAuthCode with the corpId), the server trades it for the userid
 * (POST /topapi/v2/user/getuserinfo with the app's token).
 */
export function dingtalkSignIn(client: DingtalkClient, corpId: string): StaffSignIn {
  return {
    kind: "container",
    label: "钉钉登录",
    corpId,
    userAgentMark: "DingTalk",
    userIdFor: (code) => userIdFor(client, code),
  };
}

async function userIdFor(client: DingtalkClient, code: string): Promise<StaffIdentity> {
  const answer = await client.postOapi("/topapi/v2/user/getuserinfo", { code });
  if (!answer.ok) return { ok: false, reason: "unavailable", detail: answer.failure.error };
  const { errcode, errmsg, result } = answer.json as { errcode?: number; errmsg?: string; result?: { userid?: unknown } };
  if (errcode && BAD_CODE.has(errcode)) return { ok: false, reason: "badCode", detail: `errcode ${errcode}: ${errmsg ?? ""}` };
  if (errcode) return { ok: false, reason: "unavailable", detail: `errcode ${errcode}: ${errmsg ?? ""}` };
  const userId = result?.userid;
  return typeof userId === "string" && userId ? { ok: true, userId } : { ok: false, reason: "notMember", detail: "no userid" };
}

import type { IncomingImage } from "../../messaging/types.ts";
import { downloadBytes } from "../http.ts";

/**
 * DingTalk robot files: a message names a `downloadCode`; the robot API turns it into a short-lived
 * download URL (`POST /v1.0/robot/messageFiles/download`, with the app's access token), which is fetched
 * at once. The access token (`POST /v1.0/oauth2/accessToken`) is kept until shortly before it expires.
 */

export interface DingtalkFileSettings {
  /** The OpenAPI host, https://api.dingtalk.com */
  openApiBase: string;
  appKey: string | undefined;
  appSecret: string;
  /** DINGTALK_ROBOT_CODE: used when a message does not name its robot. */
  robotCode: string | undefined;
  clock: () => Date;
}

/** A token is renewed this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

async function postOpenApi(url: string, body: object, signal: AbortSignal, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { "x-acs-dingtalk-access-token": token } : {}) },
    body: JSON.stringify(body),
    signal,
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`DingTalk ${new URL(url).pathname} answered http ${response.status}: ${String(json.code ?? "")} ${String(json.message ?? "")}`);
  return json;
}

export class DingtalkFiles {
  private token: { value: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly settings: DingtalkFileSettings) {}

  /** The app's access token, from memory while it is fresh; one request at a time renews it. */
  async accessToken(signal: AbortSignal): Promise<string> {
    const now = this.settings.clock().getTime();
    if (this.token && this.token.renewAt > now) return this.token.value;
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    const { appKey, appSecret, openApiBase, clock } = this.settings;
    if (!appKey) throw new Error("DINGTALK_APP_KEY is not set: pictures cannot be downloaded");
    const json = await postOpenApi(`${openApiBase}/v1.0/oauth2/accessToken`, { appKey, appSecret }, signal);
    const value = typeof json.accessToken === "string" ? json.accessToken : "";
    if (!value) throw new Error("DingTalk gave no accessToken");
    const lifetimeMs = (Number(json.expireIn) || 7200) * 1000;
    this.token = { value, renewAt: clock().getTime() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, 0) };
    return value;
  }

  /** A picture a message names by its download code. */
  image(downloadCode: string, robotCode: string | undefined): IncomingImage {
    return {
      fetch: async ({ signal, maxBytes }) => {
        const robot = robotCode ?? this.settings.robotCode;
        if (!robot) throw new Error("no robotCode: set DINGTALK_ROBOT_CODE");
        const token = await this.accessToken(signal);
        const json = await postOpenApi(`${this.settings.openApiBase}/v1.0/robot/messageFiles/download`, { downloadCode, robotCode: robot }, signal, token);
        if (typeof json.downloadUrl !== "string" || !/^https?:\/\//.test(json.downloadUrl)) throw new Error("DingTalk gave no downloadUrl");
        return downloadBytes(json.downloadUrl, { signal, maxBytes });
      },
    };
  }
}

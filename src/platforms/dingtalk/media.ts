import type { IncomingImage } from "../../messaging/types.ts";
import { downloadBytes } from "../http.ts";
import type { DingtalkClient } from "./client.ts";

/**
 * DingTalk robot files: a message names a `downloadCode`; the robot API turns it into a short-lived
 * download URL (`POST /v1.0/robot/messageFiles/download`, with the app's access token: client.ts), which is
 * fetched at once.
 */
export class DingtalkFiles {
  constructor(
    private readonly client: DingtalkClient,
    /** DINGTALK_ROBOT_CODE: used when a message does not name its robot. */
    private readonly robotCode: string | undefined,
  ) {}

  /** A picture a message names by its download code. */
  image(downloadCode: string, robotCode: string | undefined): IncomingImage {
    return {
      fetch: async ({ signal, maxBytes }) => {
        const robot = robotCode ?? this.robotCode;
        if (!robot) throw new Error("no robotCode: set DINGTALK_ROBOT_CODE");
        const answer = await this.client.post("/v1.0/robot/messageFiles/download", { downloadCode, robotCode: robot }, signal);
        if (!answer.ok) throw new Error(`DingTalk file download refused: ${answer.failure.error}`);
        const url = answer.json.downloadUrl;
        if (typeof url !== "string" || !/^https?:\/\//.test(url)) throw new Error("DingTalk gave no downloadUrl");
        return downloadBytes(url, { signal, maxBytes });
      },
    };
  }
}

import { decrypt } from "@wecom/crypto";
import { RUN_ROBOT, signedRobotCallback } from "./signer.ts";

/** The estate whose residents' chat is bound during the run, through one instance's admin API. */
export const LATE_ESTATE = { unitId: "mi-estate-late", chatId: "mi-late-chat" };

/**
 * Binds a new residents' chat through `through`'s admin API (`POST /api/groups`), then has a resident of that chat
 * report to each of `others` every 100 ms until one answers with a ticket (the chat is known there): for each, how
 * many ms after the binding was answered the first report that found the chat was sent, or null when none did
 * within `giveUpMs`.
 */
export async function measureOrganisationChange(
  through: number,
  others: ReadonlyMap<string, number>,
  adminToken: string,
  giveUpMs = 5_000,
): Promise<Map<string, number | null>> {
  const response = await fetch(`http://127.0.0.1:${through}/api/groups`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ platform: "wecom", chatId: LATE_ESTATE.chatId, unitId: LATE_ESTATE.unitId, kind: "residents", name: "新绑定的居民群" }),
  });
  if (response.status !== 201) throw new Error(`binding the chat answered ${response.status}: ${await response.text()}`);
  const boundAt = performance.now();
  const seen = new Map<string, number | null>();
  let poll = 0;
  await Promise.all(
    [...others].map(async ([name, port]) => {
      // A report every 100 ms without waiting for the last one's answer (a message takes a few hundred ms on a
      // loaded machine): the change was seen by the first one, by the time it was sent, that finds the chat.
      let firstSeen: number | null = null;
      const asked: Promise<void>[] = [];
      while (firstSeen === null && performance.now() - boundAt < giveUpMs) {
        const sentAt = Math.round(performance.now() - boundAt);
        asked.push(
          answersWithTicket(port, ++poll).then((found) => {
            if (found && (firstSeen === null || sentAt < firstSeen)) firstSeen = sentAt;
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await Promise.all(asked);
      seen.set(name, firstSeen);
    }),
  );
  return seen;
}

/** One report from the newly bound chat: answered with a ticket (the instance knows the chat) or not. */
async function answersWithTicket(port: number, poll: number): Promise<boolean> {
  const callback = signedRobotCallback({
    msgid: `late-${poll}-${Date.now()}`,
    chatId: LATE_ESTATE.chatId,
    userId: `late-resident-${poll}`,
    text: `${poll}号楼1单元楼道灯不亮了`,
  });
  const response = await fetch(`http://127.0.0.1:${port}${callback.path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: callback.body,
  }).catch(() => null);
  if (!response?.ok) return false;
  const body = (await response.json()) as { encrypt?: string };
  if (!body.encrypt) return false;
  return decrypt(RUN_ROBOT.encodingAESKey, body.encrypt).message.includes("已登记工单");
}

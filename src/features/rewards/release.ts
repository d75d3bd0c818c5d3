import { closeOrder, findRewardItem, ordersDueForRelease } from "../../store/rewards.ts";
import type { MessageServiceDeps } from "../handleMessage.ts";
import { notice } from "../posts.ts";
import { postOnce } from "../postOnce.ts";
import { giveBack } from "./exchange.ts";
import * as texts from "./texts.ts";

const BATCH = 200;

/**
 * Releases the orders not collected within their item's window: points and stock back, an entry in the
 * ledger, a word to the resident. Closing the order (open → released) is the claim, in the transaction with
 * the rest, so a second run or instance — or a 核销 at the same moment — never gives anything back twice.
 */
export async function releaseUncollectedOrders(deps: MessageServiceDeps, now: Date): Promise<{ released: number }> {
  let released = 0;
  for (;;) {
    const due = await ordersDueForRelease(deps.db, now, BATCH);
    for (const order of due) {
      const done = await postOnce(deps, { claim: (tx) => closeOrder(tx, order.id, "released", null, null, now) }, now, async (tx) => {
        const item = await findRewardItem(tx, order.itemId);
        const name = item?.name ?? "";
        await giveBack(tx, order, "exchange_released", texts.releasedReason(name, order.code), now);
        return [notice(order.groupId, texts.releasedNotice(name, order.code, order.points), null, [order.memberId])];
      });
      if (done) released += 1;
    }
    if (due.length < BATCH) return { released };
  }
}

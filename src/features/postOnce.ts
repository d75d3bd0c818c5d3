import { inTransaction, type Tx } from "../store/database.ts";
import type { PostDraft } from "../store/messages.ts";
import { claimPostKey, claimPostKeys } from "../store/postOnce.ts";
import { queuePosts } from "./delivery.ts";
import type { MessageServiceDeps } from "./handleMessage.ts";

/**
 * What makes a job's post happen once: a key nobody claimed before (a digest's period, a chase's previous
 * instant), or a change of the thing posted about that only one run can make (a reminder settled from
 * pending, a ticket's mark cleared). Either is written in the transaction that queues the posts.
 */
export type Once = { key: string } | { claim: (tx: Tx) => Promise<boolean> };

/**
 * Posts what `compose` returns exactly once, however many runs, restarts or instances try: the claim and the
 * posts (planned for their platforms through the shared delivery path) commit together, and a run that finds
 * the claim taken posts nothing. `compose` may write what goes with the post (a `lastChasedAt`). True if
 * this run made the claim.
 */
export async function postOnce(
  deps: Pick<MessageServiceDeps, "db" | "routing">,
  once: Once,
  now: Date,
  compose: (tx: Tx) => PostDraft[] | Promise<PostDraft[]>,
): Promise<boolean> {
  return inTransaction(deps.db, async (tx) => {
    const claimed = "key" in once ? await claimPostKey(tx, once.key, now) : await once.claim(tx);
    if (!claimed) return false;
    const posts = await compose(tx);
    if (posts.length) await queuePosts(tx, deps.routing, posts, now);
    return true;
  });
}

/**
 * Posts each item's posts once per its key, as `postOnce` with a key does, for many keys in one transaction
 * (a digest's groups): the keys are claimed in one statement and the posts of those claimed queued together,
 * so a run costs a few statements, not a transaction per group. Returns the keys this run claimed.
 */
export async function postEachOnce(
  deps: Pick<MessageServiceDeps, "db" | "routing">,
  items: readonly { key: string; posts: PostDraft[] }[],
  now: Date,
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  return inTransaction(deps.db, async (tx) => {
    const claimed = await claimPostKeys(
      tx,
      items.map((item) => item.key),
      now,
    );
    const posts = items.filter((item) => claimed.has(item.key)).flatMap((item) => item.posts);
    if (posts.length) await queuePosts(tx, deps.routing, posts, now);
    return claimed;
  });
}

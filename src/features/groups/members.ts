import { Refusal } from "../../domain/refusal.ts";
import type { Tx } from "../../store/database.ts";
import { findMemberByPlatformUser, membersNamedInGroup, type MemberRecord } from "../../store/org.ts";
import type { MessageContext } from "../context.ts";
import * as texts from "./texts.ts";

/**
 * The group member a command names: the person @-mentioned where the platform lists mentions, otherwise
 * the one member of this group with that name. Refuses when there is none, or more than one.
 */
export async function memberNamedInMessage(tx: Tx, ctx: MessageContext, target: string): Promise<MemberRecord> {
  const mentioned = ctx.message.mentionedUserIds?.[0];
  const candidates = mentioned
    ? [await findMemberByPlatformUser(tx, ctx.message.platform, mentioned)].filter((member) => member !== null)
    : await membersNamedInGroup(tx, ctx.group.id, target.replace(/^@/, ""));
  if (candidates.length === 0) throw new Refusal(texts.notInGroup(target));
  if (candidates.length > 1) throw new Refusal(texts.severalInGroup(target));
  return candidates[0]!;
}

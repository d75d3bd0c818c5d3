import { understandMessage, type ReportDraft } from "../../bot/understand.ts";
import type { UnitNode, UnitTree } from "../../domain/units.ts";
import type { IncomingMessage } from "../../messaging/types.ts";
import { inTransaction } from "../../store/database.ts";
import { recordPosts } from "../../store/messages.ts";
import { findMemberByPlatformUser, loadUnitTree, type GroupRecord } from "../../store/org.ts";
import { recordOpen311Report, residentsGroupsOfUnit, type Open311KeyRecord } from "../../store/open311.ts";
import { maskPhoneNumbers } from "../../text/mask.ts";
import { wellFormed } from "../../text/wellFormed.ts";
import { loadMessageContext } from "../context.ts";
import { planPosts } from "../delivery.ts";
import type { MessageServiceDeps } from "../handleMessage.ts";
import { fileReport } from "../tickets/reportIntake.ts";
import { Open311Refusal } from "./errors.ts";
import { clientMemberOf } from "./clientMember.ts";
import * as texts from "./texts.ts";

/** A report as an Open311 client posts it, already checked field by field (http/open311/input.ts). */
export interface Open311Submission {
  serviceCode: string;
  description: string;
  addressString: string | null;
  /** Our extension: the estate's unit id or name, where address_string does not name it. */
  estate: string | null;
  lat: number | null;
  long: number | null;
  contact: { name: string | null; phone: string | null; email: string | null };
  mediaUrl: string | null;
}

/** The ticket filed, or the open one the report repeats (附议: its words go into that ticket's file). */
export interface Open311Filed {
  serviceRequestId: string;
  /** What the resident would have read in the chat: the urgency advice first, then the ticket's next steps. */
  serviceNotice: string;
}

/** The estates of the key's subtree (a key scoped to an estate has that one). */
function estatesUnder(units: UnitTree, unitId: string): UnitNode[] {
  return [...units.subtreeIds(unitId)].map((id) => units.get(id)!).filter((unit) => unit.level === "estate");
}

/** The estate a report names: the `estate` parameter (id or name), else the one estate whose name its address holds. */
export function estateOf(units: UnitTree, key: Pick<Open311KeyRecord, "unitId">, submission: Pick<Open311Submission, "estate" | "addressString">): UnitNode {
  const estates = estatesUnder(units, key.unitId);
  if (submission.estate) {
    const wanted = submission.estate.trim();
    const found = estates.find((unit) => unit.id === wanted) ?? estates.find((unit) => unit.name === wanted);
    if (!found) throw new Open311Refusal(400, texts.UNKNOWN_ESTATE(wanted));
    return found;
  }
  if (estates.length === 1) return estates[0]!;
  const address = submission.addressString ?? "";
  const named = estates.filter((unit) => address.includes(unit.name));
  // "阳光花园二期" names 阳光花园 and 阳光花园二期: the longest name is the one meant.
  const longest = named.filter((unit) => !named.some((other) => other !== unit && other.name.includes(unit.name)));
  if (longest.length === 1) return longest[0]!;
  if (longest.length > 1) throw new Open311Refusal(400, texts.AMBIGUOUS_ESTATE(longest.map((unit) => unit.name)));
  throw new Open311Refusal(400, texts.NO_ESTATE);
}

/** What is read: the client's description, and the address on a line of its own so the place is read too. */
export function wordsOf(submission: Pick<Open311Submission, "description" | "addressString">): string {
  const description = wellFormed(submission.description.trim());
  return submission.addressString ? `${description}\n地点：${wellFormed(submission.addressString.trim())}` : description;
}

/** The answer as the client reads it: the chat's reply without what only a chat member can do. */
function noticeOf(answer: string): string {
  return maskPhoneNumbers(
    answer
      .split("\n")
      .filter((line) => !line.startsWith("发「进度"))
      .join("\n"),
  );
}

/**
 * Files an Open311 report through the chat's own intake: the words read as a resident's message is read
 * (category, colour, place, urgency), then `fileReport` as a 代报 whose filer is the client — the same
 * duplicates (附议), the same work-group notices and red alerts, the same urgency advice first. The chat's
 * reply to the estate's group is not posted there: it is the client's answer. One transaction; the notices
 * go through the outbox as any message's do.
 */
export async function fileOpen311Report(deps: MessageServiceDeps, key: Open311KeyRecord, submission: Open311Submission): Promise<Open311Filed> {
  const { db, settings } = deps;
  const units = await loadUnitTree(db);
  const estate = estateOf(units, key, submission);
  const [group] = await residentsGroupsOfUnit(db, estate.id);
  if (!group) throw new Open311Refusal(400, texts.NO_RESIDENTS_GROUP(estate.name));
  const now = deps.clock();
  const words = wordsOf(submission);
  const read = (text: string): ReportDraft | null => {
    const understood = understandMessage(text, {
      botName: settings.botName,
      commands: deps.commands.reader,
      categories: settings.categories,
      models: settings.models,
      addressed: true,
    });
    return understood.kind === "report" ? understood.report : null;
  };
  const reading = read(words);
  // The client chose the service: it is the category; everything else is read from the words as in the chat.
  const report: ReportDraft = {
    ...(reading ?? { content: words, colour: "yellow", location: {}, confidence: 0, hazard: null, danger: null }),
    category: submission.serviceCode,
    needsTriage: false,
  };

  const { filed, pending } = await inTransaction(db, async (tx) => {
    const member = (await findMemberByPlatformUser(tx, ...clientMemberOf(key))) ?? null;
    if (!member) throw new Error(`Open311 key ${key.id} has no member`);
    const message = incomingFor(group, member.platformUserId, words, now);
    const ctx = await loadMessageContext(tx, settings, group, member, "resident", now, message, read);
    const posts = await fileReport(tx, ctx, report, words, { reporter: null });
    const answer = posts.find((post) => post.kind === "reply" && post.groupId === group.id);
    if (!answer?.ticketNumber) throw new Error("the intake gave no ticket");
    const { rows } = await planPosts(
      tx,
      deps.routing,
      posts.filter((post) => post !== answer),
      undefined,
      now,
    );
    await recordPosts(tx, rows, now);
    await recordOpen311Report(tx, {
      ticketNumber: answer.ticketNumber,
      keyId: key.id,
      lat: submission.lat,
      long: submission.long,
      addressString: submission.addressString,
      contactName: submission.contact.name,
      contactPhone: submission.contact.phone,
      contactEmail: submission.contact.email,
      mediaUrl: submission.mediaUrl,
      createdAt: now,
    });
    return {
      filed: { serviceRequestId: String(answer.ticketNumber), serviceNotice: noticeOf(answer.text) },
      pending: rows.some((row) => row.status === "pending"),
    };
  });
  if (pending) deps.onOutboxChanged?.();
  deps.logger.info({ event: "open311 report", keyId: key.id, ticketNumber: Number(filed.serviceRequestId) }, "open311 report filed");
  return filed;
}

/** The message the intake reads its context from: the client writing in the estate's group. */
function incomingFor(group: GroupRecord, userId: string, text: string, now: Date): IncomingMessage {
  return { platform: group.platform, messageId: `open311:${now.getTime()}`, chatId: group.chatId, userId, text, addressed: true };
}

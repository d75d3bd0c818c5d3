import { statusLabel } from "../../domain/status.ts";
import { COLOUR_LABELS, OPEN_STATUSES, OUTCOME_LABELS } from "../../domain/types.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { TicketRecord } from "../../store/tickets.ts";
import { maskPhoneNumbers } from "../../text/mask.ts";
import { w3cDateTime } from "./dates.ts";

/** One service request as GeoReport v2 gives it. Text we do not have is "" as in the spec's examples. */
export interface Open311Request {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  address_id: string;
  zipcode: string;
  media_url: string;
}

/** The words without the chat's @-mention of the bot, which is no part of the matter. */
function withoutMention(text: string, botName: string): string {
  return text.split(`@${botName}`).join("").replace(/^\s+/, "");
}

/**
 * Words as they may leave: phone numbers masked as residents' groups read them, the names of the people we
 * know on the ticket as 张** (the first character kept), and the flat's number as ***.
 */
export function withoutPersons(text: string, people: readonly string[], room: string | null): string {
  let out = maskPhoneNumbers(text);
  for (const name of [...new Set(people)].filter((name) => [...name].length >= 2).sort((a, b) => b.length - a.length)) {
    const [first, ...rest] = [...name];
    out = out.split(name).join(`${first}${"*".repeat(rest.length)}`);
  }
  const flat = room?.replace(/[^0-9A-Za-z]/g, "");
  if (flat) out = out.replace(new RegExp(`(?<![0-9A-Za-z])${flat}(?![0-9A-Za-z])`, "g"), "***");
  return out;
}

/** Where a matter is, as far as anyone outside may read it: the estate and the building, never a flat. */
export function publicAddress(ticket: Pick<TicketRecord, "unitId" | "building" | "unitNo">, units: UnitTree): string {
  const estate = units.get(ticket.unitId)?.name ?? "";
  const building = ticket.building ? (/^\d+$/.test(ticket.building) ? `${ticket.building}号楼` : ticket.building) : "";
  const unitNo = ticket.building && ticket.unitNo ? (/^\d+$/.test(ticket.unitNo) ? `${ticket.unitNo}单元` : ticket.unitNo) : "";
  return `${estate}${building}${unitNo}`;
}

/** Our own state and outcome, in Chinese: 已受理, 已办结（已解决）：已更换灯泡, 红色紧急 where it is. */
export function statusNotes(ticket: TicketRecord, people: readonly string[] = []): string {
  const parts = [statusLabel(ticket)];
  if (ticket.outcome && !OPEN_STATUSES.has(ticket.status)) parts[0] += `（${OUTCOME_LABELS[ticket.outcome]}）`;
  if (ticket.resultNote && !OPEN_STATUSES.has(ticket.status)) parts[0] += `：${withoutPersons(ticket.resultNote, people, ticket.room)}`;
  if (ticket.colour === "red" && OPEN_STATUSES.has(ticket.status)) parts.push(COLOUR_LABELS.red);
  return parts.join("｜");
}

/**
 * A ticket as an Open311 request. No person leaves: no reporter or handler name (`people`: the names its words
 * may hold), phone numbers masked as residents' groups read them, the place down to the building only. No media_url: a photo's link
 * would outlive the key's scope once passed on (see the README).
 */
export function requestView(
  ticket: TicketRecord,
  context: { units: UnitTree; zone: string; botName: string; categoryName: (id: string) => string },
  people: readonly string[] = [],
): Open311Request {
  const { units, zone } = context;
  return {
    service_request_id: String(ticket.number),
    status: OPEN_STATUSES.has(ticket.status) ? "open" : "closed",
    status_notes: statusNotes(ticket, [...people, ...(ticket.assigneeName ? [ticket.assigneeName] : [])]),
    service_name: context.categoryName(ticket.category),
    service_code: ticket.category,
    description: withoutPersons(withoutMention(ticket.text, context.botName), people, ticket.room),
    agency_responsible: units.get(ticket.handlingUnitId)?.name ?? "",
    service_notice: "",
    requested_datetime: w3cDateTime(ticket.createdAt, zone),
    updated_datetime: w3cDateTime(ticket.updatedAt, zone),
    expected_datetime: w3cDateTime(ticket.resolveDueAt, zone),
    address: publicAddress(ticket, units),
    address_id: "",
    zipcode: "",
    media_url: "",
  };
}

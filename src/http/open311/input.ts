import type { Context } from "koa";
import type { Category } from "../../bot/taxonomy.ts";
import { parseW3cDateTime } from "../../features/open311/dates.ts";
import { Open311Refusal } from "../../features/open311/errors.ts";
import type { Open311Submission } from "../../features/open311/intake.ts";
import * as texts from "../../features/open311/texts.ts";
import { findPhoneNumbers } from "../../text/phone.ts";
import { readTextBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import type { Open311RequestsQuery } from "../../features/open311/requests.ts";

type Fields = Record<string, string>;

const refuse = (description: string) => new Open311Refusal(400, description);

/** One value per name: a repeated parameter is refused rather than one of its values guessed. */
export function singleValues(query: Record<string, string | string[] | undefined>): Fields {
  const fields: Fields = {};
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) throw refuse(texts.badParameter(name, "只能给一次"));
    if (value !== undefined) fields[name] = value;
  }
  return fields;
}

function refuseUnknown(fields: Fields, known: ReadonlySet<string>): void {
  // attribute[…]: the spec's answers to a service's metadata; ours take none, so they are accepted and unused.
  const unknown = Object.keys(fields).filter((name) => !known.has(name) && !/^attribute\[[^\]]*\]$/.test(name));
  if (unknown.length) throw refuse(texts.unknownParameter(unknown));
}

/** The key: the spec's api_key parameter (query or body), or the X-Api-Key header. */
export function apiKeyOf(ctx: Context, fields: Fields): string | null {
  return fields.api_key?.trim() || ctx.get("x-api-key").trim() || null;
}

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_IDS = 100;
/** The spec's default window when no date is given: the last 90 days. */
export const DEFAULT_DAYS = 90;

const REQUESTS_QUERY = new Set(["api_key", "jurisdiction_id", "service_request_id", "service_code", "status", "start_date", "end_date", "page", "page_size"]);

function integerIn(fields: Fields, name: string, min: number, max: number, otherwise: number): number {
  const raw = fields[name];
  if (raw === undefined) return otherwise;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw refuse(texts.badParameter(name, texts.BAD_NUMBER(min, max)));
  return Number(raw);
}

function dateOf(fields: Fields, name: string, zone: string): Date | undefined {
  const raw = fields[name];
  if (raw === undefined) return undefined;
  const date = parseW3cDateTime(raw, zone);
  if (!date) throw refuse(texts.badParameter(name, texts.BAD_DATE));
  return date;
}

/**
 * GET requests' parameters: service_request_id (a comma list; then the other filters are ignored, as the spec
 * says), service_code (a comma list), status open/closed, start_date/end_date (W3C, offsets honoured; neither
 * given: the last 90 days), page and page_size (our extension).
 */
export function readRequestsQuery(fields: Fields, options: { zone: string; now: Date; categories: readonly Category[] }): Open311RequestsQuery {
  refuseUnknown(fields, REQUESTS_QUERY);
  const page = integerIn(fields, "page", 1, 1_000_000, 1);
  const pageSize = integerIn(fields, "page_size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  if (fields.service_request_id !== undefined) {
    const ids = fields.service_request_id.split(",").map((id) => id.trim());
    if (ids.length > MAX_IDS || ids.some((id) => !/^[1-9]\d{0,8}$/.test(id))) throw refuse(texts.badParameter("service_request_id", texts.BAD_IDS(MAX_IDS)));
    return { numbers: [...new Set(ids.map(Number))], page, pageSize };
  }
  const query: Open311RequestsQuery = { page, pageSize };
  if (fields.service_code !== undefined) {
    const codes = fields.service_code.split(",").map((code) => code.trim());
    const unknown = codes.find((code) => !options.categories.some((category) => category.id === code));
    if (unknown !== undefined) throw refuse(texts.UNKNOWN_SERVICE(unknown));
    query.categories = [...new Set(codes)];
  }
  if (fields.status !== undefined) {
    if (fields.status !== "open" && fields.status !== "closed") throw refuse(texts.badParameter("status", texts.BAD_STATUS));
    query.status = fields.status;
  }
  const from = dateOf(fields, "start_date", options.zone);
  const to = dateOf(fields, "end_date", options.zone);
  if (from && to && to.getTime() < from.getTime()) throw refuse(texts.DATES_REVERSED);
  query.from = from ?? (to ? undefined : new Date(options.now.getTime() - DEFAULT_DAYS * 86_400_000));
  if (to) query.to = to;
  if (!query.from) delete query.from;
  return query;
}

const SUBMISSION_FIELDS = new Set([
  "api_key",
  "jurisdiction_id",
  "service_code",
  "description",
  "address_string",
  "address_id",
  "lat",
  "long",
  "email",
  "device_id",
  "account_id",
  "first_name",
  "last_name",
  "phone",
  "media_url",
  "estate",
]);

export const MAX_DESCRIPTION = 1000;
const MAX_TEXT = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(fields: Fields, name: string, max: number): string | null {
  const value = fields[name]?.trim();
  if (!value) return null;
  if ([...value].length > max) throw refuse(texts.badParameter(name, texts.TOO_LONG(max)));
  return value;
}

function coordinate(fields: Fields, name: string, limit: number): number | null {
  const raw = fields[name]?.trim();
  if (!raw) return null;
  const value = Number(raw);
  if (!/^-?\d{1,3}(\.\d+)?$/.test(raw) || Math.abs(value) > limit) throw refuse(texts.badParameter(name, texts.BAD_COORDINATE));
  return value;
}

/** POST requests' fields, checked one by one; nothing is filed unless all are right. */
export function readSubmission(fields: Fields, categories: readonly Category[]): Open311Submission {
  refuseUnknown(fields, SUBMISSION_FIELDS);
  const serviceCode = fields.service_code?.trim();
  if (!serviceCode) throw refuse(texts.missingParameter("service_code"));
  if (!categories.some((category) => category.id === serviceCode)) throw refuse(texts.UNKNOWN_SERVICE(serviceCode));
  const description = text(fields, "description", MAX_DESCRIPTION);
  if (!description) throw refuse(texts.missingParameter("description"));
  const lat = coordinate(fields, "lat", 90);
  const long = coordinate(fields, "long", 180);
  if ((lat === null) !== (long === null)) throw refuse(texts.badParameter(lat === null ? "lat" : "long", texts.BAD_COORDINATE));
  const addressString = text(fields, "address_string", MAX_TEXT);
  const estate = text(fields, "estate", MAX_TEXT);
  if (!addressString && !estate && lat === null && fields.address_id === undefined) throw refuse(texts.missingParameter("address_string"));
  const mediaUrl = text(fields, "media_url", 2000);
  if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) throw refuse(texts.badParameter("media_url", texts.BAD_URL));
  const email = text(fields, "email", MAX_TEXT);
  if (email && !EMAIL.test(email)) throw refuse(texts.badParameter("email", texts.BAD_EMAIL));
  const phone = text(fields, "phone", 40);
  if (phone && findPhoneNumbers(phone).length === 0) throw refuse(texts.badParameter("phone", texts.BAD_PHONE));
  const name = [text(fields, "last_name", 50), text(fields, "first_name", 50)].filter(Boolean).join("") || null;
  return { serviceCode, description, addressString, estate, lat, long, contact: { name, phone, email }, mediaUrl };
}

/** The POST body: form-encoded as the spec says, or a JSON object of strings (numbers taken as written). */
export async function readSubmissionBody(ctx: Context, limit: number): Promise<Fields> {
  let raw: string;
  try {
    raw = await readTextBody(ctx, limit);
  } catch (error) {
    if (error instanceof HttpError && error.status === 413) throw new Open311Refusal(413, texts.BODY_TOO_LARGE);
    throw refuse(texts.BAD_BODY);
  }
  if (ctx.is("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw refuse(texts.BAD_BODY);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw refuse(texts.BAD_BODY);
    const fields: Fields = {};
    for (const [name, value] of Object.entries(parsed)) {
      if (value === null || value === undefined) continue;
      if (typeof value !== "string" && typeof value !== "number") throw refuse(texts.badParameter(name, "应为文字或数字"));
      fields[name] = String(value);
    }
    return fields;
  }
  if (raw.trim() && !ctx.is("application/x-www-form-urlencoded")) throw refuse(texts.BAD_BODY);
  const fields: Fields = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    if (name in fields) throw refuse(texts.badParameter(name, "只能给一次"));
    fields[name] = value;
  }
  return fields;
}

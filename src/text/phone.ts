/**
 * The one phone-number reader: finds every phone number in a text, in the forms residents write them
 * (13812345678, +86 138 1234 5678, 138-1234-5678, 138.1234.5678, 138/1234/5678, 138_1234_5678, full-width
 * １３８…, 一三八一二三四五六七八 / 幺三八…, 壹叁捌…, mixed 一38一二34五678, 0539-1234567, (0539)12345678,
 * 010-12345678, 7–8 digit local numbers after 电话/座机, and a company's 400/800 service number), each with its
 * span. Masking (text/mask.ts) and the place reader (bot/location.ts) both read numbers through it, so a
 * number that is masked is never read as a building or a room, and the other way round.
 */

export interface PhoneNumber {
  /** Where the number is in the text, `+86` and brackets included: text.slice(start, end). */
  start: number;
  end: number;
  /** A service number (400/800) is a company's public hotline: never a place, but not masked. */
  kind: "mobile" | "landline" | "service";
  /** The number's digits in ASCII, without the country code: "13812345678", "05391234567", "12345678". */
  digits: string;
  /** A landline's area code ("0539"), where it has one. */
  areaCode?: string;
}

const CHINESE_DIGITS: Record<string, string> = {
  零: "0",
  〇: "0",
  一: "1",
  幺: "1",
  二: "2",
  两: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
  // Financial numerals (大写), as in 壹叁捌…
  壹: "1",
  贰: "2",
  貳: "2",
  叁: "3",
  參: "3",
  肆: "4",
  伍: "5",
  陆: "6",
  陸: "6",
  柒: "7",
  捌: "8",
  玖: "9",
};

// By character code: a text's every character is looked up, and a number key needs no string hashed.
const CHINESE_DIGIT_OF_CODE: ReadonlyMap<number, string> = new Map(Object.entries(CHINESE_DIGITS).map(([char, digit]) => [char.charCodeAt(0), digit]));

/** A character's digit, and its script: Arabic (half- or full-width) or Chinese. */
function digitOf(char: string): { digit: string; script: "arabic" | "chinese" } | undefined {
  if (char >= "0" && char <= "9") return { digit: char, script: "arabic" };
  if (char >= "０" && char <= "９") return { digit: String(char.charCodeAt(0) - 0xff10), script: "arabic" };
  const chinese = char.length === 1 ? CHINESE_DIGIT_OF_CODE.get(char.charCodeAt(0)) : undefined;
  return chinese === undefined ? undefined : { digit: chinese, script: "chinese" };
}

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
  script: "arabic" | "chinese";
}

// Between the groups of one number: spaces and one dash ("138 1234 5678", "0539 - 1234567"), the bracket
// closing an area code ("(0539)1234567"), or one bare dot, slash or underscore ("138.1234.5678"). Never a line
// break or a colon (times); a dot joins only digits that make a whole number together, so 12.5 and 10.30 stay.
const SEPARATOR = /^(?:[)）]?[ \u3000]{0,2}[-－‐–—]?[ \u3000]{0,2}|[.．/／_＿])$/;
const MAX_SEPARATOR = 5;
const MARK = /^[.．/／_＿]$/;

/**
 * Runs of digits of one script, and whether what lies between one and the next may join them into a number.
 * Runs of two scripts side by side join ("一38一二34五678"), but stay two groups, so a number may also start at
 * the second: "张三13812345678" is 138….
 */
function digitGroups(text: string): { groups: DigitGroup[]; joins: boolean[] } {
  const groups: DigitGroup[] = [];
  let current: DigitGroup | undefined;
  for (let i = 0; i < text.length; i++) {
    const read = digitOf(text[i]!);
    if (read && current && current.script === read.script && current.end === i) {
      current.digits += read.digit;
      current.end = i + 1;
    } else if (read) {
      current = { start: i, end: i + 1, digits: read.digit, script: read.script };
      groups.push(current);
    }
  }
  const joins = groups.slice(1).map((group, i) => {
    const previous = groups[i]!;
    const between = text.slice(previous.end, group.start);
    if (between.length > MAX_SEPARATOR || !SEPARATOR.test(between)) return false;
    // A dot, slash or underscore joins groups of three digits or more (138.1234.5678), not an address's
    // short ones: 192.168.10.100 is no phone number.
    return !MARK.test(between) || (previous.digits.length >= 3 && group.digits.length >= 3);
  });
  return { groups, joins };
}

const MOBILE = /^(?:0086|86)?(1[3-9]\d{9})$/;
// An area code (010, 02x, or 0 and three digits) and a local number of 7 or 8 digits.
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))([1-9]\d{6,7})$/;
const LOCAL = /^[1-9]\d{6,7}$/;
// A company's national service number: 400-123-4567, 800 123 4567.
const SERVICE = /^[48]00\d{7}$/;
// A local number without an area code is a phone only when it is said to be one.
const LOCAL_CUE = /(?:电话|座机|固话|手机|联系方式|号码|tel|TEL|Tel)[\s:：是为]{0,3}[(（]?$/;

// A landline with the country code drops the area code's 0: +86 539 1234567, +86-10-12345678.
const INTERNATIONAL_LANDLINE = /^(?:0086|86)((?:10|2\d|[3-9]\d{2})[1-9]\d{6,7})$/;
const INTERNATIONAL = /(?:[+＋][ \u3000]?|00)$/;

function classify(digits: string, before: string): Omit<PhoneNumber, "start" | "end"> | undefined {
  const mobile = MOBILE.exec(digits);
  if (mobile) return { kind: "mobile", digits: mobile[1]! };
  const landline = LANDLINE.exec(digits);
  if (landline) return { kind: "landline", digits, areaCode: landline[1]! };
  const international = INTERNATIONAL_LANDLINE.exec(digits);
  if (international && (digits.startsWith("00") || INTERNATIONAL.test(before))) {
    const national = `0${international[1]}`;
    const areaCode = LANDLINE.exec(national)?.[1];
    if (areaCode) return { kind: "landline", digits: national, areaCode };
  }
  if (SERVICE.test(digits)) return { kind: "service", digits };
  if (LOCAL.test(digits) && LOCAL_CUE.test(before)) return { kind: "landline", digits };
  return undefined;
}

// Links the bot posts (calendar, photos) carry tokens and instants, never a resident's number.
const LINK = /https?:\/\/[^\s，。、；！？」）]+/g;

/** Every phone number in `text`, in order, none overlapping; none inside a link. */
export function findPhoneNumbers(text: string): PhoneNumber[] {
  const links = [...text.matchAll(LINK)].map((link) => [link.index, link.index + link[0].length] as const);
  return numbersIn(text).filter((phone) => !links.some(([start, end]) => phone.start < end && phone.end > start));
}

function numbersIn(text: string): PhoneNumber[] {
  const { groups, joins } = digitGroups(text);
  const found: PhoneNumber[] = [];
  for (let first = 0; first < groups.length;) {
    let read = longestFrom(text, groups, joins, first, 0);
    // A Chinese numeral may be a word's before the number: 张三一三八…, 万一一三八…. Arabic digits before a
    // number make a longer number (an order's, an id's), which is no phone number.
    for (let skip = 1; !read && groups[first]!.script === "chinese" && skip < groups[first]!.digits.length; skip++)
      read = longestFrom(text, groups, joins, first, skip);
    if (read) {
      found.push(read.phone);
      first = read.last + 1;
    } else {
      first++;
    }
  }
  return found;
}

/** The longest number that starts `skip` digits into the group `first` and ends with a whole group. */
function longestFrom(text: string, groups: DigitGroup[], joins: boolean[], first: number, skip: number): { phone: PhoneNumber; last: number } | undefined {
  const start = groups[first]!.start + skip;
  let found: { phone: PhoneNumber; last: number } | undefined;
  let digits = "";
  for (let i = first; i < groups.length && (i === first || joins[i - 1]); i++) {
    digits += i === first ? groups[i]!.digits.slice(skip) : groups[i]!.digits;
    if (digits.length > 16) break;
    const read = classify(digits, text.slice(Math.max(0, start - 8), start));
    if (read) found = { phone: { start: skip ? start : leadingStart(text, start), end: groups[i]!.end, ...read }, last: i };
  }
  return found;
}

/** The number's span starts at its "+" or opening bracket: "+86 138…", "(0539)…", "（+86）138…". */
function leadingStart(text: string, start: number): number {
  const lead = /(?:[(（][ \u3000]?)?(?:[+＋][ \u3000]?)?$/.exec(text.slice(Math.max(0, start - 4), start));
  return start - (lead ? lead[0].length : 0);
}

/** Whether the number is a person's (mobile, landline), not a company's public service number. */
export function isPersonal(phone: PhoneNumber): boolean {
  return phone.kind !== "service";
}

/** 138****5678; a landline keeps its area code and last digits: 0539-****567, ****5678. */
export function maskedPhoneNumber(phone: PhoneNumber): string {
  if (phone.kind === "mobile") return `${phone.digits.slice(0, 3)}****${phone.digits.slice(-4)}`;
  const local = phone.areaCode ? phone.digits.slice(phone.areaCode.length) : phone.digits;
  const kept = local.length >= 8 ? 4 : 3;
  return `${phone.areaCode ? `${phone.areaCode}-` : ""}****${local.slice(-kept)}`;
}

/** Replaces each phone number found in `text`; `replacement` is given the number and its words as written. */
export function replacePhoneNumbers(text: string, replacement: (phone: PhoneNumber, written: string) => string): string {
  let result = "";
  let at = 0;
  for (const phone of findPhoneNumbers(text)) {
    result += text.slice(at, phone.start) + replacement(phone, text.slice(phone.start, phone.end));
    at = phone.end;
  }
  return result + text.slice(at);
}

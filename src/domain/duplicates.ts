import { textSimilarity } from "../text/similarity.ts";
import type { Location } from "./types.ts";
import { DUPLICATE_MODEL } from "./duplicateModel.ts";
import { pairFeatures } from "./duplicateFeatures.ts";
import { pairProbability, type PairModel } from "./pairModel.ts";
import { conceptsOf, conditionsOf, fittingsOf, namedFittingsOf, overlap, partsOf, placesConflict, placesOf, saysBroken } from "../text/concepts.ts";
import { eitherWayRound } from "../text/eitherWayRound.ts";
import { faultOfItsOwnOnOneSide } from "../text/faultsOfTheirOwn.ts";
import { chargingWaysOf, drainsOf, leakSourcesOf, noiseSourcesOf, noiseTimesOf, powerScopesOf, shopsOf } from "../text/kindsOfMatter.ts";
import { buildingSaidAsOne, buildingsTogether, matchingText, parkingSpaces, surelyBuilding } from "./matchingText.ts";

export const DUPLICATE_WINDOW_DAYS = 7;

export interface DuplicateCandidate {
  number: number;
  category: string;
  building: string | null;
  unitNo?: string | null;
  room?: string | null;
  /** The estate's phase, zone and gate or garage way the ticket names, where known ("二期", "B区", "东门"). */
  phase?: string | null;
  zone?: string | null;
  spot?: string | null;
  /** The danger its words tell, where known: red (happening now), possible, or none (null). */
  danger?: "red" | "possible" | null;
  /** The hazard of that danger ("lift", "gas"), where known. */
  hazard?: string | null;
  /** What it is about, as the category model reads it (topicsOf), where known. */
  topics?: readonly number[] | null;
  text: string;
  createdAt: Date;
}

export interface ReportForMatching {
  category: string;
  building: string | null;
  unitNo?: string | null;
  room?: string | null;
  phase?: string | null;
  zone?: string | null;
  spot?: string | null;
  /** The danger its words tell, where known: red (happening now), possible, or none (null). */
  danger?: "red" | "possible" | null;
  /** The hazard of that danger ("lift", "gas"), where known. */
  hazard?: string | null;
  /** What it is about, as the category model reads it (topicsOf), where known. */
  topics?: readonly number[] | null;
  content: string;
}

type Placed = Pick<ReportForMatching, "building" | "phase" | "zone" | "spot">;

/** Where a read location puts a report or ticket, as the matching compares it: each part, or null where it names none. */
export function matchingPlace(location: Location): Required<Pick<ReportForMatching, "building" | "unitNo" | "room" | "phase" | "zone" | "spot">> {
  return {
    building: location.building ?? null,
    unitNo: location.unitNo ?? null,
    room: location.room ?? null,
    phase: location.phase ?? null,
    zone: location.zone ?? null,
    spot: location.spot ?? null,
  };
}

// A garage's way is one place however it is called: 地下车库入口, 地库入口 and 车库进口.
const spotKey = (spot: string | null | undefined) => spot?.replace(/地下车库|地下停车场|地库|停车场/, "车库").replace("进口", "入口") ?? null;

/**
 * The place a side names in the estate: phase, zone and building, and the gate or garage way apart. A zone
 * said within the garage's name (地库B区) is the zone.
 */
function placeParts(side: Placed): { estate: string; spot: string | null } {
  const zoneInSpot = side.zone ? null : (side.spot?.match(/[A-F]区/i)?.[0]?.toUpperCase() ?? null);
  const spot = spotKey(zoneInSpot ? side.spot?.replace(/[A-F]区/i, "") : side.spot) || null;
  return { estate: [side.phase ?? "", side.zone ?? zoneInSpot ?? "", side.building ?? ""].join("|"), spot };
}

/**
 * Both sides name a place in the estate, and not the same one: 5号楼 and B区5号楼 are different places, as
 * are 东门 and 二期12号楼. Two sides that both name a building are compared by phase, zone and building, and
 * by the gate or garage way only when both name one (东门到8栋 and 8号楼那条路 are one place).
 */
export function differentPlaces(left: Placed, right: Placed): boolean {
  const [a, b] = [placeParts(left), placeParts(right)];
  const named = (parts: typeof a) => parts.estate !== "||" || Boolean(parts.spot);
  if (!named(a) || !named(b)) return false;
  // A garage and its entrance (车库, 车库入口) may be one place; two different ways (东门, 西门) are not.
  const spotsDiffer = Boolean(a.spot && b.spot && !a.spot.startsWith(b.spot) && !b.spot.startsWith(a.spot));
  if (left.building && right.building) return a.estate !== b.estate || spotsDiffer;
  // A zone's garage named on one side only is that zone (地库B区 and B区 128号车位); a gate named on one side only parts.
  const oneSidedSpot = a.spot ?? b.spot;
  const zoneGarage = oneSidedSpot?.startsWith("车库") && a.estate.split("|")[1] !== "";
  return a.estate !== b.estate || spotsDiffer || (Boolean(a.spot) !== Boolean(b.spot) && !zoneGarage);
}

const GATE_SPOT = /^[东南西北]门$/;
const MAIN_GATE = /(?<![东南西北])大门/;

/**
 * A gate named on one side and 大门 on the other, which names no side: residents call the main gate 大门 whichever way it
 * faces, so the side that says 大门 is taken to be at the other's gate (东门门禁刷卡没反应 and 大门刷卡进不去).
 */
function atTheMainGate<L extends Placed, R extends Placed>(left: L, leftText: string, right: R, rightText: string): [L, R] {
  const gateOf = (side: Placed) => (side.spot && GATE_SPOT.test(side.spot) ? side.spot : null);
  if (gateOf(left) && !right.spot && MAIN_GATE.test(rightText)) return [left, { ...right, spot: left.spot }];
  if (gateOf(right) && !left.spot && MAIN_GATE.test(leftText)) return [{ ...left, spot: right.spot }, right];
  return [left, right];
}

// Water or noise from upstairs is told by the flat below and by the flat above it (楼上漏水 4栋502 and 4栋602的水渗到
// 我502): one floor apart, the same flat number on each floor, and words for what comes down.
const FROM_ABOVE = /楼上|楼下|上头|上面|往下|漏到|滴到|渗到|滴落|落在/;

/** Two rooms one above the other (502 and 602), and the two reports tell of something coming down. */
function fromUpstairs(left: string, right: string, texts: string): boolean {
  const floorAndFlat = (room: string) => room.match(/^(\d{1,2})(\d{2})$/);
  const [a, b] = [floorAndFlat(left), floorAndFlat(right)];
  return Boolean(a && b && a[2] === b[2] && Math.abs(Number(a[1]) - Number(b[1])) === 1 && FROM_ABOVE.test(texts));
}

/**
 * Two different buildings read, where one side names buildings together (11、12号楼之间, 一到四号楼) and the other's
 * building is among them, or both name buildings together that meet: the matter between or along them is one place,
 * whichever building the location reader took first.
 */
function amongBuildingsTogether(leftText: string, left: string | null, rightText: string, right: string | null): boolean {
  if (!left || !right || left === right) return false;
  const [a, b] = [buildingsTogether(leftText), buildingsTogether(rightText)];
  if (a.size === 0 && b.size === 0) return false;
  const [withLeft, withRight] = [a.add(left), b.add(right)];
  return [...withLeft].some((building) => withRight.has(building));
}

/** Both sides say where, and say different places. */
function conflicts(left: string | null | undefined, right: string | null | undefined): boolean {
  return Boolean(left && right && left !== right);
}

/** What one side says, read once for all the rules that compare it with the other. */
interface SideReading {
  text: string;
  things: ReadonlySet<string>;
  conditions: ReadonlySet<string>;
  noiseSources: ReadonlySet<string>;
}

/** A side's conditions are read for every pair; its things and noise sources only when a rule asks, and once. */
function readSide(text: string): SideReading {
  let things: ReadonlySet<string> | undefined;
  let noiseSources: ReadonlySet<string> | undefined;
  return {
    text,
    conditions: conditionsOf(text),
    get things() {
      return (things ??= conceptsOf(text));
    },
    get noiseSources() {
      return (noiseSources ??= noiseSourcesOf(text));
    },
  };
}

/** Both sides name some of a kind, and none in common. */
const apartBy = (left: ReadonlySet<string>, right: ReadonlySet<string>) => left.size > 0 && right.size > 0 && overlap(left, right) === 0;

/** The rules that part two reports, by the name a fold script counts them under. */
export type PartingRule =
  | "place"
  | "building or unit"
  | "room"
  | "place words"
  | "parking space"
  | "fault"
  | "part"
  | "thing"
  | "fitting"
  | "named fitting"
  | "broken beside another trouble"
  | "fumes beside obstruction"
  | "fumes beside noise"
  | "fault of its own"
  | "refuse station beside full bin"
  | "another kind of one matter";

/**
 * The first rule that says two reports are different matters, or null: different known places (phase, zone,
 * building, gate, garage, taken together; a place named on one side only may still match), different units,
 * rooms or parts of the building, different parts of a thing (按钮 vs 显示屏), different things wrong (坏了不动 vs 太脏),
 * different things (电梯 vs 门禁), a breakdown beside a trouble that is none (坏了 vs 太贵), or noise or charging of
 * another kind (装修 vs 小孩跑跳, 飞线 vs 推进楼道).
 */
export function partingRule(report: ReportForMatching, ticket: DuplicateCandidate): PartingRule | null {
  const [ticketText, reportText] = [matchingText(ticket.text), matchingText(report.content)];
  // A building read from a bare "N楼" may be a floor (停在8楼, 负一楼): only a building said as one parts two reports.
  // A floor read first (由五楼拉条线 … 7座) leaves the building said as one later in the line.
  const placed = (text: string, building: string | null) => surelyBuilding(text, building) ?? (building ? buildingSaidAsOne(text) : null);
  const [ticketPlace, reportPlace] = [
    { ...ticket, building: placed(ticketText, ticket.building) },
    { ...report, building: placed(reportText, report.building) },
  ];
  if (amongBuildingsTogether(ticketText, ticketPlace.building, reportText, reportPlace.building)) reportPlace.building = ticketPlace.building;
  if (differentPlaces(...atTheMainGate(ticketPlace, ticketText, reportPlace, reportText))) return "place";
  if (conflicts(ticketPlace.building, reportPlace.building) || conflicts(ticket.unitNo, report.unitNo)) return "building or unit";
  if (conflicts(ticket.room, report.room) && !fromUpstairs(ticket.room!, report.room!, ticketText + reportText)) return "room";
  if (placesConflict(placesOf(ticketText), placesOf(reportText))) return "place words";
  if (apartBy(parkingSpaces(ticketText), parkingSpaces(reportText))) return "parking space";
  const [left, right] = [readSide(ticketText), readSide(reportText)];
  if (apartBy(left.conditions, right.conditions)) return "fault";
  if (apartBy(partsOf(ticketText), partsOf(reportText))) return "part";
  if (apartBy(left.things, right.things)) return "thing";
  const fittings = [fittingsOf(ticketText), fittingsOf(reportText)] as const;
  if ((fittings[0].size > 0 || fittings[1].size > 0) && overlap(fittings[0], fittings[1]) === 0) return "fitting";
  if (apartBy(namedFittingsOf(ticketText), namedFittingsOf(reportText))) return "named fitting";
  if (brokenBesideAnotherTrouble(left, right)) return "broken beside another trouble";
  if (fumesBesideObstruction(left, right)) return "fumes beside obstruction";
  if (fumesBesideNoise(left, right)) return "fumes beside noise";
  if (faultOfItsOwnOnOneSide(ticketText, reportText)) return "fault of its own";
  if (refuseStationBesideFullBin(ticketText, reportText)) return "refuse station beside full bin";
  return anotherKindOfOneMatter(left, right) ? "another kind of one matter" : null;
}

/** Whether the rules already say two reports are different matters (partingRule names which). */
export function differentMatters(report: ReportForMatching, ticket: DuplicateCandidate): boolean {
  return partingRule(report, ticket) !== null;
}

// Faults that are no breakdown: the thing works, but costs too much, is taken, too few, or left untended.
const NOT_A_BREAKDOWN = new Set([
  "price",
  "occupied",
  "scarce",
  "rude",
  "asleep",
  "invoice",
  "receipt",
  "dunned",
  "misplaced",
  "unsorted",
  "expired",
  "unleashed",
  "defaced",
  "overgrown",
  "noisy",
  "slow",
]);

/**
 * One side says the thing is broken (坏了) and names no other trouble, the other names only a trouble that is no
 * breakdown and does not say broken: 充电桩坏了 and 充电桩太贵 (or 被占了, 太少了) are two matters.
 */
function brokenBesideAnotherTrouble(left: SideReading, right: SideReading): boolean {
  const onlyOther = ({ text, conditions }: SideReading) =>
    !saysBroken(text) && conditions.size > 0 && [...conditions].every((fault) => NOT_A_BREAKDOWN.has(fault));
  const brokenOnly = ({ text, conditions }: SideReading) => saysBroken(text) && ![...conditions].some((fault) => NOT_A_BREAKDOWN.has(fault));
  return eitherWayRound(left, right, brokenOnly, onlyOther);
}

/**
 * One side complains of a shop's fumes, the other of the same shop's tables or stall in the way and not of fumes:
 * 烧烤店油烟大 and 烧烤店桌子摆到人行道上 are two matters.
 */
function fumesBesideObstruction(left: SideReading, right: SideReading): boolean {
  const fumesOnly = (side: SideReading) => side.things.has("fumes") && !side.conditions.has("occupied");
  const inTheWayOnly = (side: SideReading) => !side.things.has("fumes") && side.conditions.has("occupied");
  return eitherWayRound(left, right, fumesOnly, inTheWayOnly);
}

/**
 * One side complains of a shop's fumes, the other of its noise (late singing, drinkers shouting) and not of fumes:
 * 烧烤店油烟大 and 烧烤店开到凌晨好嘈 are two matters.
 */
function fumesBesideNoise(left: SideReading, right: SideReading): boolean {
  const noisy = (side: SideReading) => side.things.has("noise") || side.noiseSources.has("singing");
  const fumesOnly = (side: SideReading) => side.things.has("fumes") && !noisy(side);
  const noiseOnly = (side: SideReading) => !side.things.has("fumes") && noisy(side);
  return eitherWayRound(left, right, fumesOnly, noiseOnly);
}

const REFUSE_STATION = /垃(圾|极)(站|房|屋)|箱房/;
const BIN = /(垃(圾|极)|拉鸡)(桶|箱)(?!房)/;
const LEFT_UNCOLLECTED = /满|溢|(没|冇|无|木|莫)人?(拉|清|收|倒)|未清运|不清运|堆成山/;

/**
 * One side names a bin and not the refuse station, the other the station and not a bin, and does not say it is left
 * uncollected: 东门垃圾站好臭 (its smell, its place, its fence) and 东门垃圾桶满了没人拉 are two matters; 垃圾站三天没拉了
 * and 垃圾桶满得溢出来了 are one.
 */
function refuseStationBesideFullBin(leftText: string, rightText: string): boolean {
  const binOnly = (text: string) => BIN.test(text) && !REFUSE_STATION.test(text);
  const stationNotFull = (text: string) => REFUSE_STATION.test(text) && !BIN.test(text) && !LEFT_UNCOLLECTED.test(text);
  return eitherWayRound(leftText, rightText, binOnly, stationNotFull);
}

/**
 * Both are about noise from different sources (one side saying it is noise), about charging done in different ways,
 * or about a power cut of another reach (kindsOfMatter.ts).
 */
function anotherKindOfOneMatter(left: SideReading, right: SideReading): boolean {
  const apart = (kindsOf: (text: string) => Set<string>) => apartBy(kindsOf(left.text), kindsOf(right.text));
  const about = (thing: string) => left.things.has(thing) && right.things.has(thing);
  // A noise with a known source is a noise, said or not (工地晚上十二点浇混凝土).
  const noisy = (side: SideReading) => side.things.has("noise") || side.noiseSources.size > 0;
  // Rats where the bins are is another matter than the bins left full (垃圾站老鼠好多 vs 垃圾桶满了没人收).
  const ratsOnOneSide = about("garbage") && left.things.has("rats") !== right.things.has("rats");
  // A noise named on one side is enough: 唱K唱到十二点 tells its source without a word for noise.
  const eitherAbout = (thing: string) => left.things.has(thing) || right.things.has(thing);
  return (
    (eitherAbout("noise") && apartBy(left.noiseSources, right.noiseSources)) ||
    (noisy(left) && noisy(right) && apart(noiseTimesOf)) ||
    ratsOnOneSide ||
    (about("charging") && apart(chargingWaysOf)) ||
    (about("charging") && apart(powerScopesOf)) ||
    apart(drainsOf) ||
    (about("water") && apart(leakSourcesOf)) ||
    apart(shopsOf)
  );
}

// Said of the place a danger would be: nobody in it, nobody hurt (里面没人, 没人在上面, 没咬, 现在没事).
const NOBODY_THERE = /(里面|里边|里头|上面|里向)(没|冇|无)得?有?人|(没|冇|无)得?有?人在(里|上)|没咬|现在没事|没伤着?人/;

/**
 * A danger happening now on one side, and the other says nobody is in it or hurt: someone trapped in a lift is
 * another matter than the same lift stopped with nobody inside. Unknown (false) while the ticket's danger is unread.
 */
export function nobodyThereBesideDanger(report: Pick<ReportForMatching, "danger" | "content">, ticket: Pick<DuplicateCandidate, "danger" | "text">): boolean {
  if (ticket.danger === undefined || report.danger === undefined || (ticket.danger === "red") === (report.danger === "red")) return false;
  const [red, other] = ticket.danger === "red" ? [ticket.text, report.content] : [report.content, ticket.text];
  return NOBODY_THERE.test(matchingText(other)) && !NOBODY_THERE.test(matchingText(red));
}

/**
 * How surely a new report repeats an open ticket, 0..1: zero when the rules tell them apart
 * (differentMatters), otherwise the similarity learnt from the writers' paraphrase and look-alike pairs
 * (duplicateModel.ts) over how alike the wording is, the things and faults both name, category and place.
 */
export function duplicateScore(report: ReportForMatching, ticket: DuplicateCandidate, model: PairModel = DUPLICATE_MODEL): number {
  if (differentMatters(report, ticket) || nobodyThereBesideDanger(report, ticket)) return 0;
  return pairProbability(model, pairFeatures({ ...ticket }, { ...report, text: report.content }));
}

/**
 * The open ticket a new report repeats, if any: same estate (the caller passes only that estate's open
 * tickets), reported within seven days, about the same things in the same place, as sure as the learnt
 * threshold (chosen by leave-one-writer-out over the train writers' pairs).
 */
export function findDuplicate<T extends DuplicateCandidate>(
  report: ReportForMatching,
  candidates: readonly T[],
  now: Date,
  readCandidate: (ticket: T) => DuplicateCandidate = (ticket) => ticket,
): T | undefined {
  const earliest = now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000;
  let best: { ticket: T; score: number } | undefined;
  for (const ticket of candidates) {
    if (ticket.createdAt.getTime() < earliest) continue;
    // Places and things that part the two are read first: the costlier reading of a ticket's words (its danger,
    // what it is about) is done only for the few that could be the same matter.
    if (differentMatters(report, ticket)) continue;
    const candidate = readCandidate(ticket);
    if (nobodyThereBesideDanger(report, candidate)) continue;
    const score = pairProbability(DUPLICATE_MODEL, pairFeatures({ ...candidate }, { ...report, text: report.content }));
    if (score >= DUPLICATE_MODEL.threshold && (!best || score > best.score)) best = { ticket, score };
  }
  return best?.ticket;
}

/**
 * How surely a follow-up question ("我上周反映的楼顶漏水修好了吗") is about a ticket, 0..1: the things both
 * name, unless they name different places; with nothing recognised in the question, its wording.
 */
export function followUpScore(question: string, ticketText: string): number {
  if (placesConflict(placesOf(ticketText), placesOf(question))) return 0;
  const asked = conceptsOf(question);
  if (asked.size === 0) return textSimilarity(question, ticketText);
  const things = conceptsOf(ticketText);
  let shared = 0;
  for (const thing of asked) if (things.has(thing)) shared++;
  return shared / asked.size;
}

/** Whether a follow-up question names anything (a thing, a place) a ticket could be told by. */
export function followUpNamesSomething(question: string): boolean {
  return conceptsOf(question).size > 0 || placesOf(question).size > 0;
}

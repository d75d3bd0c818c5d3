/**
 * What finding the open ticket a new report repeats (附议) costs when an estate has many open tickets: the matching
 * reads each candidate ticket's words for its danger and what it is about (the eleventh round's duplicate features).
 * Three ways, side by side in one process, rounds alternating: every candidate read before matching (as the ninth
 * round's features were first wired); only the candidates whose place and things could make them the same matter
 * (findDuplicate's readCandidate); and that with each ticket's reading remembered (ticketReading, as shipped: its
 * first round reads every ticket afresh, later rounds find them read). All must pick the same tickets; the bench
 * checks it.
 *
 *   npm run bench:duplicates                      # 500 open tickets, 200 new reports, 5 rounds
 *   npm run bench:duplicates -- --tickets 100 --reports 300 --rounds 7
 *
 * Tickets and reports are report lines of the chat corpus's train writers, spread over five buildings' worth of
 * their own building numbers, as one busy estate's week. Reported: medians of the rounds, ms per report.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { bundledModels } from "../src/bot/classifier/models.ts";
import { extractLocation } from "../src/bot/location.ts";
import { findDuplicate, matchingPlace, type DuplicateCandidate, type ReportForMatching } from "../src/domain/duplicates.ts";
import { readTicket, ticketReading } from "../src/features/tickets/ticketReading.ts";
import { chatSplit } from "./training/chatCorpus.ts";

const { values } = parseArgs({
  options: { tickets: { type: "string", default: "500" }, reports: { type: "string", default: "200" }, rounds: { type: "string", default: "5" } },
});
const models = bundledModels();
const now = new Date("2026-11-23T02:00:00Z");
const reports = chatSplit().train.lines.filter((line) => line.intent === "report" && line.category);

function asTicket(text: string, category: string, number: number): DuplicateCandidate {
  return {
    number,
    category,
    ...matchingPlace(extractLocation(text)),
    text,
    createdAt: new Date(now.getTime() - (number % 6) * 86_400_000),
  };
}

function withReading(ticket: DuplicateCandidate): DuplicateCandidate {
  return { ...ticket, ...readTicket(ticket.text, models) };
}

const ticketCount = Number(values.tickets);
const tickets = reports
  .filter((_, index) => index % 7 === 0)
  .slice(0, ticketCount)
  .map((line, index) => asTicket(line.text, line.category!, index + 1));
const newReports: ReportForMatching[] = reports
  .filter((_, index) => index % 7 === 3)
  .slice(0, Number(values.reports))
  .map((line) => {
    const ticket = withReading(asTicket(line.text, line.category!, 0));
    return { ...ticket, content: line.text };
  });

const ways = ["read every candidate", "read after the place check", "as shipped: each ticket read once"] as const;
type Way = (typeof ways)[number];

function run(way: Way): { ms: number; read: number; picks: (number | undefined)[] } {
  let read = 0;
  const picks: (number | undefined)[] = [];
  const started = performance.now();
  for (const report of newReports) {
    if (way === "read every candidate") {
      const candidates = tickets.map((ticket) => (read++, withReading(ticket)));
      picks.push(findDuplicate(report, candidates, now)?.number);
    } else if (way === "read after the place check") {
      picks.push(findDuplicate(report, tickets, now, (ticket) => (read++, withReading(ticket)))?.number);
    } else {
      picks.push(findDuplicate(report, tickets, now, (ticket) => (read++, { ...ticket, ...ticketReading(ticket.text, models) }))?.number);
    }
  }
  return { ms: (performance.now() - started) / newReports.length, read: read / newReports.length, picks };
}

const times = Object.fromEntries(ways.map((way) => [way, [] as number[]])) as Record<Way, number[]>;
const reads: Partial<Record<Way, number>> = {};
const picks: Partial<Record<Way, (number | undefined)[]>> = {};
for (let round = 0; round < Number(values.rounds); round++) {
  for (const way of round % 2 === 0 ? ways : [...ways].reverse()) {
    const result = run(way);
    times[way].push(result.ms);
    reads[way] = result.read;
    picks[way] = result.picks;
  }
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const same = ways.every((way) => picks[way]!.every((pick, index) => pick === picks[ways[0]]![index]));
console.log(`${tickets.length} open tickets, ${newReports.length} new reports, ${values.rounds} rounds; load ${loadavg()[0]!.toFixed(1)}`);
for (const way of ways) {
  const first = way === "as shipped: each ticket read once" ? `; its first round ${times[way][0]!.toFixed(2)} ms` : "";
  console.log(`${way}: ${median(times[way]).toFixed(2)} ms a report (median)${first}, candidates passed to the reading ${reads[way]!.toFixed(1)}`);
}
console.log(`same tickets picked: ${same ? "yes" : "NO"} (${picks[ways[0]]!.filter((pick) => pick !== undefined).length} of ${newReports.length} joined)`);
if (!same) process.exitCode = 1;

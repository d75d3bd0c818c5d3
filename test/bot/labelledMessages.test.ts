import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { BOT_COMMANDS } from "../../src/features/commandRegistry.ts";
import { understandMessage, type Understanding } from "../../src/bot/understand.ts";

interface Labelled {
  text: string;
  kind: Understanding["kind"];
  category?: string;
  colour?: string;
  building?: string;
  unit?: string;
  room?: string;
  command?: string;
  ticket?: number;
  argument?: string;
}

const table: Labelled[] = JSON.parse(readFileSync(new URL("../fixtures/labelled-messages.json", import.meta.url), "utf8"));
const options = { botName: "议事助手", commands: BOT_COMMANDS.reader, categories: DEFAULT_CATEGORIES };

function commandArgument(understanding: Understanding): string | undefined {
  if (understanding.kind !== "command") return undefined;
  const command = understanding.command as Record<string, unknown>;
  return (command.target ?? command.reason ?? command.result ?? command.rating) as string | undefined;
}

/** Share of rows where `actual` equals `expected`, with the misses for the failure message. */
function accuracy(rows: Labelled[], field: (row: Labelled, got: Understanding) => [unknown, unknown]) {
  const misses: string[] = [];
  for (const row of rows) {
    const [expected, actual] = field(row, understandMessage(row.text, options));
    if (expected !== actual) misses.push(`${row.text} → expected ${String(expected)}, got ${String(actual)}`);
  }
  return { rate: (rows.length - misses.length) / rows.length, misses };
}

const reports = table.filter((row) => row.kind === "report");
const commands = table.filter((row) => row.kind === "command");

describe("the labelled message table", () => {
  it("holds at least 80 messages, most of them reports", () => {
    expect(table.length).toBeGreaterThanOrEqual(80);
    expect(reports.length).toBeGreaterThanOrEqual(50);
  });

  it("tells commands, reports, help and chatter apart without a miss", () => {
    const result = accuracy(table, (row, got) => [row.kind, got.kind]);
    expect(result.misses).toEqual([]);
  });

  it("reads every command's name, ticket number and argument", () => {
    const result = accuracy(commands, (row, got) => [
      `${row.command}/${row.ticket ?? ""}/${row.argument ?? ""}`,
      got.kind === "command" ? `${got.command.name}/${"ticket" in got.command ? String(got.command.ticket) : ""}/${commandArgument(got) ?? ""}` : got.kind,
    ]);
    expect(result.misses).toEqual([]);
  });

  it("extracts building, unit and room from every report", () => {
    const result = accuracy(reports, (row, got) => [
      [row.building, row.unit, row.room].join("/"),
      got.kind === "report" ? [got.report.location.building, got.report.location.unitNo, got.report.location.room].join("/") : got.kind,
    ]);
    expect(result.misses).toEqual([]);
  });

  it("classifies at least 90% of reports into the right category", () => {
    const result = accuracy(reports, (row, got) => [row.category, got.kind === "report" ? got.report.category : got.kind]);
    console.info(`category accuracy: ${(result.rate * 100).toFixed(1)}% of ${reports.length}`, result.misses);
    expect(result.rate).toBeGreaterThanOrEqual(0.9);
  });

  it("grades at least 85% of reports with the right colour and misses no red one", () => {
    const result = accuracy(reports, (row, got) => [row.colour, got.kind === "report" ? got.report.colour : got.kind]);
    console.info(`colour accuracy: ${(result.rate * 100).toFixed(1)}% of ${reports.length}`, result.misses);
    expect(result.rate).toBeGreaterThanOrEqual(0.85);
    const redMisses = result.misses.filter((miss) => miss.includes("expected red"));
    expect(redMisses).toEqual([]);
  });
});

/**
 * npm run classify < messages.txt
 *
 * Reads messages one per line (UTF-8) and writes one JSON object per line, in order, read by exactly the
 * functions the bot uses. Operators use it to check the bot on their own messages:
 *   {"kind":"report|command|followup|thanks|greeting|chatter","category":…,"colour":…,"department":…,
 *    "location":{"building":…,"unit":…,"room":…},"confidence":…}
 * A line is read as addressed to the bot (as if it @-mentioned it); fields that do not apply are null.
 */
import { createInterface } from "node:readline";
import { classifyLine } from "./evaluation/classifyLine.ts";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) process.stdout.write(`${JSON.stringify(classifyLine(line))}\n`);

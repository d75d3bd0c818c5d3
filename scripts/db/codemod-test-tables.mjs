// One-off codemod (kept for the coordinator to run on branches written against the Prisma client):
// `x.db.model.op(` and `tx.model.op(` in test files become `tables(x.db).model.op(` (test/helpers/tables.ts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MODELS =
  "unit|group|member|membership|inboundMessage|botPost|ticket|ticketEvent|attachment|ticketFollower|pointEntry|scheduledSend|callbackSeen|meeting|agendaItem|meetingSignup|meetingAttendance|meetingReminder|recurringMeeting|labelCorrection|orgRevision|consoleSignIn|consoleSession";
const CALL = new RegExp(
  `\\b((?:[A-Za-z_$][\\w$]*\\.)*(?:db|tx|inner))\\.(${MODELS})\\.(find\\w*|create\\w*|update\\w*|delete\\w*|upsert|count|aggregate|groupBy)\\(`,
  "g",
);

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  if (!CALL.test(text)) continue;
  CALL.lastIndex = 0;
  let changed = text.replace(CALL, (_m, receiver, model, op) => `tables(${receiver}).${model}.${op}(`);
  const helper = path.relative(path.dirname(file), path.resolve("test/helpers/tables.ts")).replace(/^(?!\.)/, "./");
  if (!/from "[^"]*helpers\/tables\.ts"/.test(changed) && !file.endsWith("helpers/tables.ts")) {
    const lastImport = [...changed.matchAll(/^import [^;]+;$/gm)].at(-1);
    const at = lastImport ? lastImport.index + lastImport[0].length : 0;
    changed = `${changed.slice(0, at)}\nimport { tables } from "${helper}";${changed.slice(at)}`;
  }
  writeFileSync(file, changed);
  console.log(file);
}

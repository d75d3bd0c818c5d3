/**
 * A second process writing to the same database: files `count` resident reports through the message
 * door, as another server would. Prints one JSON line: how many were handled, and any failures.
 *
 *   node --import tsx test/helpers/reportWriter.ts <database url> <prefix> <count>
 */
import { createBot } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { handleIncomingMessage } from "../../src/features/handleMessage.ts";
import { createLogger } from "../../src/logger.ts";
import { openDatabase, tuneDatabase } from "../../src/store/database.ts";

const [url, prefix, count] = process.argv.slice(2) as [string, string, string];
const db = openDatabase(url);
await tuneDatabase(db);
const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "unused-admin-token-0123456789");
let handled = 0;
const failures: string[] = [];
await Promise.all(
  Array.from({ length: Number(count) }, async (_, i) => {
    try {
      const result = await handleIncomingMessage(bot.deps, {
        platform: "sandbox",
        messageId: `${prefix}-${i}`,
        chatId: "g-yangguang",
        userId: "u-zhang",
        text: `@议事助手 ${i + 1}号楼${prefix}单元楼道灯不亮了`,
        knownMembersOnly: true,
      });
      if (result.status === "handled") handled++;
    } catch (error) {
      failures.push(String(error));
    }
  }),
);
console.log(JSON.stringify({ handled, failures }));
await db.close();

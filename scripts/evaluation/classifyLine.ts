import { bundledModels, loadModels } from "../../src/bot/classifier/models.ts";
import { suggestDepartment } from "../../src/bot/department.ts";
import { loadTaxonomy } from "../../src/bot/taxonomy.ts";
import { BOT_COMMANDS } from "../../src/features/commandRegistry.ts";
import { understandMessage, type Understanding } from "../../src/bot/understand.ts";

export interface Classified {
  kind: "report" | "command" | "followup" | "thanks" | "greeting" | "chatter";
  category: string | null;
  colour: string | null;
  department: string | null;
  location: { building: string | null; unit: string | null; room: string | null } | null;
  confidence: number | null;
}

const KINDS: Record<Understanding["kind"], Classified["kind"]> = {
  report: "report",
  needsDetail: "report",
  command: "command",
  usage: "command",
  suggestion: "command",
  followUp: "followup",
  thanks: "thanks",
  greeting: "greeting",
  help: "chatter",
  ignored: "chatter",
  question: "chatter",
  meetingAnnouncement: "chatter",
  unclear: "chatter",
  bareRating: "command",
};

const categories = loadTaxonomy(process.env.CATEGORIES_FILE || undefined);
// A deployment's retrained models (MODEL_DIR), as the bot would read them.
const models = process.env.MODEL_DIR ? loadModels(process.env.MODEL_DIR) : bundledModels();

/** One line as the bot reads it (addressed to it), in the shape `npm run classify` prints. */
export function classifyLine(text: string): Classified {
  const understanding = understandMessage(text, {
    botName: process.env.BOT_NAME || "议事助手",
    commands: BOT_COMMANDS.reader,
    categories,
    models,
    addressed: true,
  });
  if (understanding.kind !== "report") {
    return { kind: KINDS[understanding.kind], category: null, colour: null, department: null, location: null, confidence: null };
  }
  const { report } = understanding;
  return {
    kind: "report",
    category: report.category,
    colour: report.colour,
    department: suggestDepartment(report.content, models).name,
    location: { building: report.location.building ?? null, unit: report.location.unitNo ?? null, room: report.location.room ?? null },
    confidence: report.confidence,
  };
}

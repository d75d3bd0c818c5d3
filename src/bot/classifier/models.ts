import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { deserializeModel, type LinearModel, type StoredModel } from "./linearModel.ts";
import { MODEL_FILE_EXTENSION, readModelFile } from "./modelFile.ts";

/** The models the bot reads messages with; `npm run train` writes them to models/. */
export interface Models {
  /** The estate category (our 12 ids) of a letter (understand.ts: 60 characters or more): trained on the real letters and chat reports. */
  category: LinearModel;
  /**
   * The estate category of a chat line (shorter than a letter): the same recipe on every train writer (nineteenth
   * round), so the letters keep the model they were read with.
   */
  chatCategory: LinearModel;
  /** orange / yellow / blue: red is never guessed by a model, see urgency.ts. */
  colour: LinearModel;
  /** The county department (the seven first-level departments of the 12345 hotline). */
  department: LinearModel;
  /** red / possible / none, learnt from the writers' chat lines; combined with the danger rules in understand.ts. */
  urgency: LinearModel;
  /** The hazard (urgency.ts's ids) a line names, for the advice when only the urgency model saw a danger. */
  hazard: LinearModel;
  /** report, follow_up, thanks, greeting, bot_question, … (docs/labelling.md, "Chat lines"). */
  intent: LinearModel;
  /** red / possible / none again, trained on every train writer: it only adds red (danger.ts, secondReading). */
  secondUrgency: LinearModel;
  /** The hazard of a red only secondUrgency reads, trained on every train writer. */
  secondHazard: LinearModel;
}

export const MODEL_NAMES = ["category", "chatCategory", "colour", "department", "urgency", "hazard", "intent", "secondUrgency", "secondHazard"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export const BUNDLED_MODEL_DIR = new URL("../../../models/", import.meta.url);

/** The second reading's models (bot/danger.ts), added in the fifteenth round. */
const SECOND_READING: readonly ModelName[] = ["secondUrgency", "secondHazard"];

/**
 * The models of a directory (a deployment's retrained ones, or the bundled ones), each read from disk on
 * first use: the server answers health checks before they are read, and warmModels reads the two every
 * message needs right after start, so the first resident does not wait for the disk either. Only an
 * escalation to the county needs the department model.
 */
export function loadModels(dir: URL | string = BUNDLED_MODEL_DIR): Models {
  const base = typeof dir === "string" ? pathToFileURL(dir.endsWith("/") ? dir : `${dir}/`) : dir;
  const read = (name: ModelName) => {
    const url = fileOf(name, base);
    const model = url.pathname.endsWith(MODEL_FILE_EXTENSION)
      ? readModelFile(readFileSync(url))
      : deserializeModel(JSON.parse(readFileSync(url, "utf8")) as StoredModel);
    if (model.task !== name) throw new Error(`${url.pathname} holds a ${model.task} model, not ${name}`);
    return model;
  };
  const loaded = new Map<ModelName, LinearModel>();
  const lazily = (name: ModelName) => {
    let model = loaded.get(name);
    if (!model) loaded.set(name, (model = read(name)));
    return model;
  };
  return {
    get category() {
      return lazily("category");
    },
    get chatCategory() {
      // A deployment's directory retrained before the chat category existed: its own category model reads chat too.
      return lazily(own("chatCategory", base) ? "chatCategory" : "category");
    },
    get colour() {
      return lazily("colour");
    },
    get department() {
      return lazily("department");
    },
    get urgency() {
      return lazily("urgency");
    },
    get hazard() {
      return lazily("hazard");
    },
    get intent() {
      return lazily("intent");
    },
    get secondUrgency() {
      return lazily("secondUrgency");
    },
    get secondHazard() {
      return lazily("secondHazard");
    },
  };
}

/** The file of a model in a directory, if any: the compact file (modelFile.ts), or the JSON a deployment's older retrain wrote. */
function own(name: ModelName, dir: URL): URL | undefined {
  return [MODEL_FILE_EXTENSION, ".json"].map((extension) => new URL(`${name}${extension}`, dir)).find((url) => existsSync(url));
}

/**
 * The file a model is read from: the directory's own, else (the second reading's models, which a deployment's directory
 * retrained before the second reading lacks) the bundled one.
 */
function fileOf(name: ModelName, dir: URL): URL {
  const found = own(name, dir) ?? (SECOND_READING.includes(name) ? own(name, BUNDLED_MODEL_DIR) : undefined);
  if (!found) throw new Error(`no ${name} model in ${dir.pathname}`);
  return found;
}

/** The bundled model files, as the repository ships them. */
export const bundledModelFile = (name: ModelName) => new URL(`${name}${MODEL_FILE_EXTENSION}`, BUNDLED_MODEL_DIR);

/** Reads the models every message needs now rather than on the first message. */
export function warmModels(models: Models): void {
  void models.category;
  void models.chatCategory;
  void models.colour;
  void models.urgency;
  void models.hazard;
  void models.intent;
  void models.secondUrgency;
  void models.secondHazard;
}

let bundled: Models | undefined;

/** The models shipped in the repository, read once. */
export function bundledModels(): Models {
  bundled ??= loadModels();
  return bundled;
}

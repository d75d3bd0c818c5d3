import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { deserializeModel, type LinearModel, type StoredModel } from "./linearModel.ts";

/** The three models the bot reads messages with; `npm run train` writes them to models/. */
export interface Models {
  /** The estate category (our 12 ids). */
  category: LinearModel;
  /** orange / yellow / blue: red is never guessed by a model, see urgency.ts. */
  colour: LinearModel;
  /** The county department (the seven first-level departments of the 12345 hotline). */
  department: LinearModel;
}

export const MODEL_NAMES = ["category", "colour", "department"] as const;

export const BUNDLED_MODEL_DIR = new URL("../../../models/", import.meta.url);

/**
 * Reads the models from a directory (a deployment's retrained ones, or the bundled ones). The department
 * model is read on first use: only escalations to the county need it, and start-up stays short.
 */
export function loadModels(dir: URL | string = BUNDLED_MODEL_DIR): Models {
  const base = typeof dir === "string" ? pathToFileURL(dir.endsWith("/") ? dir : `${dir}/`) : dir;
  const read = (name: (typeof MODEL_NAMES)[number]) => {
    const url = new URL(`${name}.json`, base);
    const model = deserializeModel(JSON.parse(readFileSync(url, "utf8")) as StoredModel);
    if (model.task !== name) throw new Error(`${url.pathname} holds a ${model.task} model, not ${name}`);
    return model;
  };
  let department: LinearModel | undefined;
  return {
    category: read("category"),
    colour: read("colour"),
    get department() {
      department ??= read("department");
      return department;
    },
  };
}

let bundled: Models | undefined;

/** The models shipped in the repository, read once. */
export function bundledModels(): Models {
  bundled ??= loadModels();
  return bundled;
}

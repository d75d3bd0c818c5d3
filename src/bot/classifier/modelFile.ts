import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { MODEL_FORMAT, modelOfQuantised, type LinearModel, type StoredModel } from "./linearModel.ts";

/**
 * A model's file: the stored model (linearModel.ts: grams, int8 weights, one scale, biases) as bytes rather than
 * JSON — the weights raw instead of base64, the grams as UTF-8 — compressed with Brotli. The same numbers as the
 * JSON, so a model reads every text exactly as it did (nineteenth round: 9.74 → 3.96 MB for the eight models), and
 * room under issue #17's 10 MB for a model of its own to read chat lines.
 *
 * Layout before compression: the header's length (uint32 LE), the header (JSON: everything but the grams and
 * weights, and the grams' length in bytes), the grams one a line (UTF-8), the weights (one signed byte each).
 */
export const MODEL_FILE_EXTENSION = ".model";

interface Header extends Omit<StoredModel, "features" | "weights"> {
  featureBytes: number;
}

export function packModel(stored: StoredModel): Buffer {
  const { features, weights, ...rest } = stored;
  const grams = Buffer.from(features, "utf8");
  const header = Buffer.from(JSON.stringify({ ...rest, featureBytes: grams.length } satisfies Header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  const raw = Buffer.concat([length, header, grams, Buffer.from(weights, "base64")]);
  return brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
}

function unpack(bytes: Buffer): { header: Header; features: string; quantised: Int8Array } {
  const raw = brotliDecompressSync(bytes);
  const headerLength = raw.readUInt32LE(0);
  const header = JSON.parse(raw.toString("utf8", 4, 4 + headerLength)) as Header;
  if (header.format !== MODEL_FORMAT) throw new Error(`unknown model format: ${String(header.format)}`);
  const gramsEnd = 4 + headerLength + header.featureBytes;
  const features = raw.toString("utf8", 4 + headerLength, gramsEnd);
  const quantised = new Int8Array(raw.buffer, raw.byteOffset + gramsEnd, raw.length - gramsEnd);
  return { header, features, quantised };
}

/** The stored model a file holds, exactly as packModel was given it. */
export function unpackModel(bytes: Buffer): StoredModel {
  const { header, features, quantised } = unpack(bytes);
  const { featureBytes: _featureBytes, ...rest } = header;
  return { ...rest, features, weights: Buffer.from(quantised.buffer, quantised.byteOffset, quantised.byteLength).toString("base64") };
}

/** The model a file holds, ready to read with (the weights go straight from the file's bytes to the model). */
export function readModelFile(bytes: Buffer): LinearModel {
  const { header, features, quantised } = unpack(bytes);
  return modelOfQuantised({ ...header, features }, quantised);
}

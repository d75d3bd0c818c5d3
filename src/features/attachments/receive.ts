import type { Logger } from "../../logger.ts";
import { ImageTooLarge } from "../../messaging/errors.ts";
import type { IncomingImage } from "../../messaging/types.ts";
import type { BlobStore } from "../../store/blobs.ts";
import { sniffImageType, type ImageMime } from "./imageType.ts";
import { untilAborted } from "../../untilAborted.ts";

/** How photos are received, kept and linked (ATTACHMENT_* settings, PUBLIC_BASE_URL). */
export interface MediaDeps {
  store: BlobStore;
  maxBytes: number;
  /** All of one message's pictures must arrive within this time, so the platform's answer is not late. */
  downloadTimeoutMs: number;
  links: {
    secret: string;
    ttlMs: number;
    /** Where people reach the bot from outside; without it chat posts carry no photo links. */
    publicBaseUrl: string | null;
  };
}

/** A message's pictures beyond this many are not fetched (a chat shows at most nine at once). */
export const MAX_PHOTOS_PER_MESSAGE = 9;

export interface ReceivedPhoto {
  storageKey: string;
  sha256: string;
  mime: ImageMime;
  bytes: number;
}

export interface ReceivedPhotos {
  photos: ReceivedPhoto[];
  /** Could not be fetched (network, platform, timeout). */
  failed: number;
  tooLarge: number;
  notImage: number;
}

export const NO_PHOTOS: ReceivedPhotos = { photos: [], failed: 0, tooLarge: 0, notImage: 0 };

export const hasPhotoNews = (received: ReceivedPhotos) => received.photos.length + received.failed + received.tooLarge + received.notImage > 0;

type Outcome = { ok: ReceivedPhoto } | { problem: "failed" | "tooLarge" | "notImage" };

async function receiveOne(image: IncomingImage, media: MediaDeps, signal: AbortSignal, log: Logger): Promise<Outcome> {
  let bytes: Uint8Array;
  try {
    bytes = await untilAborted(image.fetch({ signal, maxBytes: media.maxBytes }), signal);
  } catch (error) {
    if (error instanceof ImageTooLarge) return { problem: "tooLarge" };
    log.warn({ err: error }, "picture could not be fetched");
    return { problem: "failed" };
  }
  if (bytes.byteLength > media.maxBytes) return { problem: "tooLarge" };
  const mime = sniffImageType(bytes);
  if (!mime) return { problem: "notImage" };
  try {
    const stored = await media.store.put(bytes);
    return { ok: { storageKey: stored.key, sha256: stored.sha256, mime, bytes: bytes.byteLength } };
  } catch (error) {
    log.error({ err: error }, "picture could not be stored");
    return { problem: "failed" };
  }
}

/**
 * Fetches a message's pictures, all at once and within the download timeout, checks each one's type by
 * its bytes and its size, and keeps those that pass in the blob store (content-addressed: a picture kept
 * twice is one file). Runs before the message's transaction; what it keeps is linked to a ticket there.
 * Nothing here throws: a picture that fails is counted, so the message's words are handled regardless.
 */
export async function receivePhotos(images: readonly IncomingImage[], media: MediaDeps, log: Logger): Promise<ReceivedPhotos> {
  const signal = AbortSignal.timeout(media.downloadTimeoutMs);
  const outcomes = await Promise.all(images.slice(0, MAX_PHOTOS_PER_MESSAGE).map((image) => receiveOne(image, media, signal, log)));
  const received: ReceivedPhotos = { photos: [], failed: 0, tooLarge: 0, notImage: 0 };
  for (const outcome of outcomes) {
    if ("ok" in outcome) received.photos.push(outcome.ok);
    else received[outcome.problem] += 1;
  }
  return received;
}

/**
 * Splits a post into pieces of at most `maxBytes` UTF-8 bytes, at line breaks where possible, so that
 * a long digest reaches the group as several messages instead of being refused by the platform.
 */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const bytes = (s: string) => Buffer.byteLength(s, "utf8");
  if (bytes(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let current = "";
  const flush = () => {
    if (current) pieces.push(current);
    current = "";
  };
  for (const line of text.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (bytes(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    flush();
    if (bytes(line) <= maxBytes) {
      current = line;
      continue;
    }
    // A single line longer than the limit: cut it by characters.
    for (const ch of line) {
      if (bytes(current + ch) > maxBytes) flush();
      current += ch;
    }
  }
  flush();
  return pieces;
}

/** Cuts text to at most `maxBytes` UTF-8 bytes, ending with "…" when cut. */
export function truncateToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let out = "";
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + "…", "utf8") > maxBytes) break;
    out += ch;
  }
  return `${out}…`;
}

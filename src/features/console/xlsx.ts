import { Readable, pipeline } from "node:stream";
import { crc32, createDeflateRaw } from "node:zlib";

/**
 * An .xlsx workbook written as it is read: the smallest workbook Excel, WPS and exceljs open (a sheet per
 * table, strings inline, no styles), zipped entry by entry with a data descriptor, so nothing is kept but
 * the row being written and the deflater's window. exceljs' streaming writer grew the process by ~166 MB on a
 * year's board: its sheet stream ignores back-pressure and every row leaves 64 KB buffers and cell objects
 * behind for the collector; here the reader pulls, and a row is one string.
 */
export type XlsxCell = string | number | null;

export interface XlsxSheet {
  name: string;
  rows: Iterable<readonly XlsxCell[]> | AsyncIterable<readonly XlsxCell[]>;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Text as XML character data: &, <, > and " escaped, characters XML 1.0 forbids dropped. */
function xmlText(text: string): string {
  return text.replace(FORBIDDEN_OR_ESCAPED, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : ""));
}

/** &, <, > and ", and the control characters XML 1.0 forbids (all below U+0020 but tab, line feed and return), U+FFFE, U+FFFF. */
const FORBIDDEN_OR_ESCAPED = new RegExp(
  `[&<>"\uFFFE\uFFFF${Array.from({ length: 32 }, (_, c) => c)
    .filter((c) => c !== 9 && c !== 10 && c !== 13)
    .map((c) => `\\u${c.toString(16).padStart(4, "0")}`)
    .join("")}]`,
  "g",
);

/** A, B, …, Z, AA, … */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function rowXml(cells: readonly XlsxCell[], r: number): string {
  let xml = `<row r="${r}">`;
  cells.forEach((cell, i) => {
    if (cell === null || cell === "") return;
    const ref = `${columnName(i)}${r}`;
    xml +=
      typeof cell === "number" && Number.isFinite(cell)
        ? `<c r="${ref}"><v>${cell}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(cell))}</t></is></c>`;
  });
  return `${xml}</row>`;
}

/** A sheet's XML in pieces of about 64 KB: whole rows, so a piece is one write to the deflater. */
async function* sheetXml(rows: XlsxSheet["rows"]): AsyncGenerator<string> {
  let piece = `${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData>`;
  let r = 0;
  for await (const cells of rows) {
    piece += rowXml(cells, ++r);
    if (piece.length >= 32_768) {
      yield piece;
      piece = "";
    }
  }
  yield `${piece}</sheetData></worksheet>`;
}

function workbookFiles(names: readonly string[]): [string, string][] {
  const sheets = names.map((name, i) => `<sheet name="${xmlText(name.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const sheetRels = names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  const overrides = names
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join("");
  return [
    [
      "[Content_Types].xml",
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
    ],
    [
      "_rels/.rels",
      `${XML_HEAD}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    ["xl/workbook.xml", `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><sheets>${sheets}</sheets></workbook>`],
    ["xl/_rels/workbook.xml.rels", `${XML_HEAD}<Relationships xmlns="${RELS}">${sheetRels}</Relationships>`],
  ];
}

/** DOS date and time of the entries: 1980-01-01 00:00 (the content, not the clock, makes the file). */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8. */
const FLAGS = 0x0808;

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

function localHeader(entry: Entry): Buffer {
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt16LE(FLAGS, 6);
  head.writeUInt16LE(8, 8);
  head.writeUInt16LE(DOS_TIME, 10);
  head.writeUInt16LE(DOS_DATE, 12);
  head.writeUInt16LE(entry.name.length, 26);
  return Buffer.concat([head, entry.name]);
}

function dataDescriptor(entry: Entry): Buffer {
  const tail = Buffer.alloc(16);
  tail.writeUInt32LE(0x08074b50, 0);
  tail.writeUInt32LE(entry.crc, 4);
  tail.writeUInt32LE(entry.compressed, 8);
  tail.writeUInt32LE(entry.size, 12);
  return tail;
}

function centralDirectory(entries: readonly Entry[], offset: number): Buffer {
  const records = entries.map((entry) => {
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(FLAGS, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(DOS_TIME, 12);
    record.writeUInt16LE(DOS_DATE, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.compressed, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(entry.name.length, 28);
    record.writeUInt32LE(entry.offset, 42);
    return Buffer.concat([record, entry.name]);
  });
  const size = records.reduce((sum, record) => sum + record.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...records, end]);
}

async function* zipChunks(
  files: AsyncIterable<[string, AsyncIterable<string> | Iterable<string>]> | Iterable<[string, AsyncIterable<string> | Iterable<string>]>,
) {
  const entries: Entry[] = [];
  let offset = 0;
  for await (const [name, content] of files) {
    const entry: Entry = { name: Buffer.from(name), offset, crc: 0, compressed: 0, size: 0 };
    entries.push(entry);
    const head = localHeader(entry);
    offset += head.length;
    yield head;
    const raw = async function* () {
      for await (const text of content) {
        const bytes = Buffer.from(text);
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        yield bytes;
      }
    };
    const deflate = createDeflateRaw({ level: 6 });
    // The generator below pulls from the deflater only as the reader pulls from us: back-pressure all the way to the rows.
    pipeline(Readable.from(raw()), deflate, () => {});
    for await (const chunk of deflate as AsyncIterable<Buffer>) {
      entry.compressed += chunk.length;
      offset += chunk.length;
      yield chunk;
    }
    const tail = dataDescriptor(entry);
    offset += tail.length;
    yield tail;
  }
  yield centralDirectory(entries, offset);
}

/** The workbook of the given sheets, in order, as a stream that produces only what its reader asks for. */
export function xlsxStream(sheets: readonly XlsxSheet[]): Readable {
  const files = function* (): Generator<[string, AsyncIterable<string> | Iterable<string>]> {
    for (const [name, xml] of workbookFiles(sheets.map((sheet) => sheet.name))) yield [name, [xml]];
    for (const [i, sheet] of sheets.entries()) yield [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet.rows)];
  };
  return Readable.from(zipChunks(files()), { objectMode: false });
}

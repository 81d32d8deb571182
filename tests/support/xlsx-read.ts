/**
 * Reads back what app/platform/xlsx.server.ts writes, independently of it: the zip from its central directory, each
 * entry inflated and checked against its CRC with node:zlib's own crc32, the sheets' cells from their XML.
 * Test support only (not a general XLSX reader).
 */
import { crc32, inflateRawSync } from "node:zlib";

export function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("no end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  let p = buf.readUInt32LE(eocd + 16);
  if (p + dirSize !== eocd) throw new Error("central directory does not end at the end record");
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const rawSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    if (buf.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localName = buf.subarray(offset + 30, offset + 30 + buf.readUInt16LE(offset + 26)).toString("utf8");
    if (localName !== name) throw new Error(`local name ${localName} differs from central ${name}`);
    const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    const body = buf.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    if (data.length !== rawSize) throw new Error(`${name}: size ${data.length}, expected ${rawSize}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    out.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const unescape = (s: string) =>
  s
    .replace(/&#13;/g, "\r")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The cells of one sheet's XML: text, numbers, or null for a missing cell. Throws on a formula. */
export function sheetCells(xml: string): (string | number | null)[][] {
  if (/<f[\s>]/.test(xml)) throw new Error("the sheet holds a formula");
  const rows: (string | number | null)[][] = [];
  for (const rowMatch of xml.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
    const r = Number(rowMatch[1]) - 1;
    const cells: (string | number | null)[] = [];
    for (const c of rowMatch[2]!.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>([\s\S]*?)<\/c>/g)) {
      const col = columnIndex(c[1]!);
      while (cells.length < col) cells.push(null);
      if (/t="inlineStr"/.test(c[2]!)) cells.push(unescape(/<t[^>]*>([\s\S]*?)<\/t>/.exec(c[3]!)?.[1] ?? ""));
      else cells.push(Number(/<v>([^<]*)<\/v>/.exec(c[3]!)![1]));
    }
    while (rows.length < r) rows.push([]);
    rows.push(cells);
  }
  return rows;
}

/** Every sheet of a workbook by name, in workbook order. */
export function readXlsx(buf: Buffer): { name: string; rows: (string | number | null)[][] }[] {
  const files = unzip(buf);
  const workbook = files.get("xl/workbook.xml")?.toString("utf8");
  const rels = files.get("xl/_rels/workbook.xml.rels")?.toString("utf8");
  if (!workbook || !rels || !files.has("[Content_Types].xml") || !files.has("_rels/.rels"))
    throw new Error("not a workbook");
  const targets = new Map(
    [...rels.matchAll(/<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]),
  );
  return [...workbook.matchAll(/<sheet name="([^"]*)"[^>]*r:id="([^"]+)"/g)].map((m) => {
    const path = `xl/${targets.get(m[2]!)}`;
    const xml = files.get(path)?.toString("utf8");
    if (!xml) throw new Error(`missing ${path}`);
    return { name: unescape(m[1]!), rows: sheetCells(xml) };
  });
}

// Brotli and gzip copies of the static files (part of `npm run build`): `x.js.br` and `x.js.gz` next to every
// text-like file over 1 kB under public/ and the assets folder, at the highest setting, which the server then sends
// as they are (server-compression.mjs) instead of compressing on every request. A copy that would not be smaller is
// not written, and copies whose original is gone are removed.
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const folders = [
  ...new Set([path.join(root, "public"), path.resolve(root, process.env.TD_ASSETS_DIR ?? "public/build")]),
];
const MIN_BYTES = 1024;
const TEXT = /\.(?:js|mjs|css|map|json|webmanifest|svg|html|txt|xml|ico)$/i;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function* walk(dir) {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

const files = new Set();
for (const folder of folders) for await (const file of walk(folder)) files.add(file);

let count = 0;
let raw = 0;
let br = 0;
let gz = 0;
const jobs = [];
for (const file of files) {
  if (/\.(?:br|gz)$/.test(file)) {
    if (!files.has(file.replace(/\.(?:br|gz)$/, ""))) await fs.rm(file);
    continue;
  }
  if (!TEXT.test(file)) continue;
  jobs.push(async () => {
    const data = await fs.readFile(file);
    const copies = [];
    if (data.length >= MIN_BYTES) {
      copies.push([
        ".br",
        await brotli(data, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
      ]);
      copies.push([".gz", await gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION })]);
    }
    for (const suffix of [".br", ".gz"]) {
      const copy = copies.find(([s]) => s === suffix)?.[1];
      if (copy && copy.length < data.length) {
        await fs.writeFile(file + suffix, copy);
        if (suffix === ".br") br += copy.length;
        else gz += copy.length;
      } else await fs.rm(file + suffix, { force: true });
    }
    if (copies.length) {
      count++;
      raw += data.length;
    }
  });
}
// Two at a time: zlib runs them on libuv's thread pool, and the build machine may be shared.
const queue = [...jobs];
await Promise.all(
  [0, 1].map(async () => {
    while (queue.length) await queue.shift()();
  }),
);
const kb = (n) => `${Math.round(n / 1024)} kB`;
console.log(`precompressed ${count} static files: ${kb(raw)} raw, ${kb(br)} br, ${kb(gz)} gzip`);

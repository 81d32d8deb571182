/**
 * What each piece of a public survey page weighs on the wire (docs/benchmarks.md, "Page weight of the survey page"):
 * the document and every stylesheet, script and font it loads, each fetched three times from the production server,
 * without Accept-Encoding (raw), with `gzip` and with `br`, counting the bytes as they arrive (not decoded). Then
 * what compressing the document on the fly costs at several Brotli qualities and gzip (the server's dynamic setting
 * is DYNAMIC_BROTLI_QUALITY in server-compression.mjs).
 *
 *   npm run build && npm run bench:weight                 # starts node server.mjs on the demo
 *   npm run bench:weight -- --url http://localhost:3000   # a server already running
 *   npm run bench:weight -- --page /e/kalix-2026
 *
 * Without --url it starts `node server.mjs` as a child on 127.0.0.1 with a fresh embedded database in a temporary
 * folder (filled with the demo on first start, about 20 s), and removes the folder at the end. Prints markdown
 * tables on stdout.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { freePort, startServer, type RunningServer } from "./bench/server";

const { values: opt } = parseArgs({
  options: {
    url: { type: "string" },
    page: { type: "string", default: "/e/kalix-2026" },
    repeat: { type: "string", default: "200" },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The bytes of a response as they arrive, not decoded (node:http, unlike fetch, leaves them as they are). */
function fetchRaw(
  url: string,
  acceptEncoding: string | null,
): Promise<{ status: number; type: string; body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "user-agent": "Mozilla/5.0 (Linux; Android 10) bench-page-weight" };
    if (acceptEncoding) headers["accept-encoding"] = acceptEncoding;
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"] ?? "").split(";")[0]!,
            body: Buffer.concat(chunks),
            encoding: String(res.headers["content-encoding"] ?? "identity"),
          }),
        );
      })
      .on("error", reject);
  });
}

/** Stylesheets, scripts (module preloads, the entry import) and fonts that a page loads from its own server. */
function resourcesOf(html: string): { url: string; kind: string }[] {
  const found = new Map<string, string>();
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    const rel = /rel="([^"]+)"/.exec(tag)?.[1] ?? "";
    if (!href || !href.startsWith("/")) continue;
    if (rel === "stylesheet") found.set(href, "stylesheet (render-blocking)");
    else if (rel === "modulepreload") found.set(href, "script");
    else if (rel === "icon") found.set(href, "icon");
  }
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="(\/[^"]+)"/g)) found.set(m[1]!, "script");
  for (const m of html.matchAll(/import\("(\/[^"]+)"\)/g)) found.set(m[1]!, "script");
  return [...found].map(([url, kind]) => ({ url, kind }));
}

const kB = (n: number) => (n / 1024).toFixed(1);

async function main() {
  let server: RunningServer | null = null;
  let dir: string | null = null;
  let base = opt.url;
  if (!base) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "td-page-weight-"));
    console.error("starting the production server on a fresh demo database (about 20 s)...");
    server = await startServer({
      command: ["node", "server.mjs"],
      port: await freePort(),
      env: { PGLITE_DIR: path.join(dir, "pglite"), LOG_LEVEL: "silent" },
      stdout: "ignore",
      cwd: root,
      healthTimeoutMs: 180_000,
      pollMs: 500,
    });
    base = server.url;
  }
  try {
    const page = await fetchRaw(base + opt.page, null);
    if (page.status !== 200) throw new Error(`${opt.page} answered ${page.status}`);
    const html = page.body.toString("utf8");
    const items = [{ url: opt.page, kind: "document" }, ...resourcesOf(html)];
    // Fonts named by the stylesheets.
    for (const css of items.filter((i) => i.kind.startsWith("stylesheet"))) {
      const text = (await fetchRaw(base + css.url, null)).body.toString("utf8");
      for (const m of text.matchAll(/url\(["']?([^"')]+\.(?:woff2?|ttf|otf|eot))/g)) {
        const url = new URL(m[1]!, base + css.url).pathname;
        if (!items.some((i) => i.url === url)) items.push({ url, kind: "font" });
      }
    }

    console.log(`Page weight of ${opt.page} (bytes on the wire, kB; ${new Date().toISOString().slice(0, 10)})\n`);
    console.log("| resource | kind | raw | gzip | br |");
    console.log("|---|---|---:|---:|---:|");
    const total = { raw: 0, gzip: 0, br: 0 };
    const blocking = { raw: 0, gzip: 0, br: 0 };
    for (const item of items) {
      const sizes = { raw: 0, gzip: 0, br: 0 };
      for (const enc of ["raw", "gzip", "br"] as const) {
        const r = await fetchRaw(base + item.url, enc === "raw" ? null : enc);
        if (r.status !== 200) throw new Error(`${item.url} answered ${r.status}`);
        sizes[enc] = r.body.length;
        total[enc] += r.body.length;
        if (item.kind === "document" || item.kind.startsWith("stylesheet")) blocking[enc] += r.body.length;
      }
      const name = item.url.replace(/^\/build\//, "");
      console.log(`| \`${name}\` | ${item.kind} | ${kB(sizes.raw)} | ${kB(sizes.gzip)} | ${kB(sizes.br)} |`);
    }
    console.log(
      `| **document + stylesheets** | before first paint | ${kB(blocking.raw)} | ${kB(blocking.gzip)} | ${kB(blocking.br)} |`,
    );
    console.log(`| **all** | | ${kB(total.raw)} | ${kB(total.gzip)} | ${kB(total.br)} |`);

    // What compressing the document on every request costs, on this machine, one core.
    const n = Number(opt.repeat);
    const doc = page.body;
    console.log(`\nCompressing the document (${kB(doc.length)} kB) on the fly, mean of ${n} runs:\n`);
    console.log("| setting | kB | ms per page |");
    console.log("|---|---:|---:|");
    const settings: [string, () => Buffer][] = [
      ...[1, 4, 5, 6, 11].map(
        (q) =>
          [
            `br quality ${q}`,
            () =>
              zlib.brotliCompressSync(doc, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: q,
                  [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                },
              }),
          ] as [string, () => Buffer],
      ),
      ["gzip level 6", () => zlib.gzipSync(doc, { level: 6 })],
      ["gzip level 9", () => zlib.gzipSync(doc, { level: 9 })],
    ];
    for (const [label, run] of settings) {
      let out = run();
      const runs = label.endsWith("11") ? Math.max(5, Math.round(n / 20)) : n;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) out = run();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
      console.log(`| ${label} | ${kB(out.length)} | ${ms.toFixed(2)} |`);
    }
  } finally {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

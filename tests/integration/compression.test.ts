// Compression (server.mjs, server-compression.mjs): pages, API data and static files reach a client that accepts
// Brotli or gzip encoded, and decode to exactly the bytes that a client without Accept-Encoding gets; small responses
// and the submission endpoint stay plain; a streamed response still arrives piece by piece.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { getOrganisationBySlug } from "../../app/features/accounts/organisations.server";
import { createSurvey, setSurveyStatus } from "../../app/features/surveys/surveys.server";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

const root = path.resolve(__dirname, "../..");
let app: TestApp;
let slug: string;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request over plain node:http, which (unlike fetch) neither adds Accept-Encoding nor decodes the body. */
function get(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(method === "POST" ? headers["x-body"] : undefined);
  });
}

function decode(r: Raw): Buffer {
  const encoding = r.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(r.body);
  if (encoding === "gzip") return zlib.gunzipSync(r.body);
  expect(encoding ?? "identity").toBe("identity");
  return r.body;
}

/**
 * A page names its request's nonce, ids, masked CSRF token and the random seed of its question order; with those blanked, two requests
 * for it (with the same cookies) give the same bytes.
 */
const sameRequest = (b: Buffer) =>
  b
    .toString("utf8")
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/(randomSeed\W+)\d+/g, "$1<seed>")
    // The CSRF token is masked afresh on every response (BREACH, app/features/accounts/auth.server.ts).
    // (64 bytes in base64url: 86 characters, in the form field and in the page's data).
    .replace(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{86}(?![A-Za-z0-9_-])/g, "<csrf>");

/** The cookies a response sets, as a request header. */
const cookiesOf = (r: Raw) => (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");

const varies = (r: Raw) => /\baccept-encoding\b/i.test(String(r.headers.vary ?? ""));

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
  const kommun = await getOrganisationBySlug({ db: app.open.db, slug: "pajala" });
  const elements = Array.from({ length: 12 }, (_, i) => ({
    type: "radiogroup",
    name: `q${i}`,
    title: `Hur trygg känner du dig på plats nummer ${i} under kvällstid?`,
    choices: ["mycket trygg", "ganska trygg", "ganska otrygg", "mycket otrygg"],
  }));
  const s = await createSurvey({
    db: app.open.db,
    kommunId: kommun.id,
    kommunSlug: kommun.slug,
    period: "2032",
    kind: "medborgarenkat",
    title: "Komprimering",
    definition: { pages: [{ name: "p1", elements }] },
  });
  slug = s.slug;
  await setSurveyStatus({ db: app.open.db, surveyId: s.id, status: "open" });
});
afterAll(async () => app?.close());

describe(`compression on ${testEngine()}`, () => {
  it("sends the survey page as Brotli or gzip that decodes to the plain page", async () => {
    const first = await get(`${app.url}/e/${slug}`);
    const cookie = cookiesOf(first);
    const plain = await get(`${app.url}/e/${slug}`, { cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(varies(plain)).toBe(true);
    for (const [accept, encoding] of [
      ["gzip, deflate, br, zstd", "br"],
      ["gzip", "gzip"],
      ["br;q=0.5, gzip", "gzip"],
    ] as const) {
      const r = await get(`${app.url}/e/${slug}`, { "accept-encoding": accept, cookie });
      expect(r.status).toBe(200);
      expect(r.headers["content-encoding"], accept).toBe(encoding);
      expect(r.headers["content-length"]).toBeUndefined();
      expect(varies(r)).toBe(true);
      expect(r.body.length).toBeLessThan(plain.body.length / 2);
      expect(sameRequest(decode(r))).toBe(sameRequest(plain.body));
    }
  });

  it("sends the API's JSON compressed, the same bytes once decoded", async () => {
    const plain = await get(`${app.url}/api/v1/surveys/${slug}`, { "accept-encoding": "identity" });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const r = await get(`${app.url}/api/v1/surveys/${slug}`, { "accept-encoding": "br, gzip" });
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(varies(r)).toBe(true);
    expect(decode(r).equals(plain.body)).toBe(true);
  });

  it("leaves small responses, HEAD and the submission endpoint plain", async () => {
    const missing = await get(`${app.url}/api/v1/surveys/finns-inte`, { "accept-encoding": "br, gzip" });
    expect(missing.status).toBe(404);
    expect(missing.body.length).toBeLessThan(1024);
    expect(missing.headers["content-encoding"]).toBeUndefined();

    const head = await get(`${app.url}/e/${slug}`, { "accept-encoding": "br, gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBeUndefined();
    expect(head.body.length).toBe(0);

    // The submission endpoint answers plain and without Vary, whatever the client accepts.
    const data = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`q${i}`, "ganska trygg"]));
    const accepted = await get(
      `${app.url}/api/v1/surveys/${slug}/responses`,
      {
        "accept-encoding": "br, gzip",
        "content-type": "application/json",
        "x-body": JSON.stringify({ id: crypto.randomUUID(), data }),
      },
      "POST",
    );
    expect(accepted.status).toBe(201);
    expect(accepted.headers["content-encoding"]).toBeUndefined();
    expect(varies(accepted)).toBe(false);
    expect(JSON.parse(accepted.body.toString())).toBeTruthy();
  });

  it("serves the build's static files from their precompressed copies, plain without Accept-Encoding", async () => {
    const assets = path.join(root, "public", "build");
    const js = fs
      .readdirSync(assets)
      .find((f) => /^root-.*\.js$/.test(f) && fs.existsSync(path.join(assets, `${f}.br`)));
    expect(js, "npm run build writes root-*.js.br").toBeDefined();
    const url = `${app.url}/build/${js}`;
    const original = fs.readFileSync(path.join(assets, js!));

    const plain = await get(url);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
    expect(varies(plain)).toBe(true);

    for (const [accept, encoding] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
    ] as const) {
      const r = await get(url, { "accept-encoding": accept });
      expect(r.status).toBe(200);
      expect(r.headers["content-encoding"]).toBe(encoding);
      expect(r.headers["content-type"]).toBe(plain.headers["content-type"]);
      expect(r.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(varies(r)).toBe(true);
      expect(Number(r.headers["content-length"])).toBe(r.body.length);
      expect(r.body.length).toBeLessThan(original.length);
      expect(decode(r).equals(original)).toBe(true);
      // Each encoding is its own representation: its own ETag, and byte ranges of the encoded bytes.
      expect(r.headers.etag).not.toBe(plain.headers.etag);
      const again = await get(url, { "accept-encoding": accept, "if-none-match": r.headers.etag! });
      expect(again.status).toBe(304);
      const range = await get(url, { "accept-encoding": accept, range: "bytes=0-9" });
      expect(range.status).toBe(206);
      expect(range.headers["content-encoding"]).toBe(encoding);
      expect(range.body.equals(r.body.subarray(0, 10))).toBe(true);
    }
    // A validator of one encoding does not match another.
    const br = await get(url, { "accept-encoding": "br" });
    const crossed = await get(url, { "if-none-match": br.headers.etag! });
    expect(crossed.status).toBe(200);
    expect(crossed.body.equals(original)).toBe(true);
  });
});

describe("a streamed response through the compression middleware", () => {
  it("arrives piece by piece, each piece decodable before the next is written", async () => {
    const { compressResponses } = (await import(pathToFileURL(path.join(root, "server-compression.mjs")).href)) as {
      compressResponses: () => express.RequestHandler;
    };
    const pieces = ["<p>first part</p>".repeat(100), "<p>second part</p>".repeat(100), "<p>last</p>"];
    let release: () => void = () => undefined;
    const server = express()
      .use(compressResponses())
      .get("/", (_req, res) => {
        res.type("html");
        res.write(pieces[0]);
        (res as unknown as { flush(): void }).flush();
        // The next piece waits until the client has decoded the first.
        release = () => {
          res.write(pieces[1]);
          res.end(pieces[2]);
        };
      })
      .listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const { port } = server.address() as AddressInfo;
      for (const encoding of ["br", "gzip"]) {
        const text = await new Promise<string>((resolve, reject) => {
          http.get(`http://127.0.0.1:${port}/`, { headers: { "accept-encoding": encoding } }, (res) => {
            expect(res.headers["content-encoding"]).toBe(encoding);
            const decoder = encoding === "br" ? zlib.createBrotliDecompress() : zlib.createGunzip();
            let out = "";
            decoder.on("data", (d: Buffer) => {
              out += d.toString();
              if (out === pieces[0]) release();
            });
            decoder.on("end", () => resolve(out));
            decoder.on("error", reject);
            res.pipe(decoder);
          });
        });
        expect(text).toBe(pieces.join(""));
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

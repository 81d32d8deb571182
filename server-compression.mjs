// Compression for server.mjs (docs/operations.md, "Compression"): Brotli or gzip, as the client accepts, with
// `Vary: Accept-Encoding`. Dynamic responses are compressed on the fly at a fast setting and flushed chunk by chunk,
// so a streamed page (defer/Suspense) still arrives in pieces; static files are served from the `.br`/`.gz` copies
// that `npm run build` wrote next to them (scripts/precompress.mjs) at the highest setting.
import fs from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import express from "express";

/** Below this many bytes a response is sent as it is: the encoding would cost more than it saves. */
export const COMPRESSION_THRESHOLD = 1024;
/** Brotli quality for dynamic responses: 5 compresses a survey page in about a millisecond (docs/benchmarks.md). */
export const DYNAMIC_BROTLI_QUALITY = 5;
const DYNAMIC_GZIP_LEVEL = 6;

/** Text that compresses well. Event streams stay out: they are long-lived and read as they come. */
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)|application\/(?:json|javascript|x-javascript|ecmascript|xml|[\w.-]+\+(?:json|xml))|image\/svg\+xml)/i;

/** How much a client wants br and gzip, from its `Accept-Encoding` header (q-values; 0 when not accepted). */
function acceptedEncodings(header) {
  const weights = new Map();
  for (const part of String(header ?? "").split(",")) {
    const [name = "", ...params] = part.split(";");
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (name.trim()) weights.set(name.trim().toLowerCase(), Number.isFinite(q) ? q : 0);
  }
  const weight = (name) => weights.get(name) ?? weights.get("*") ?? 0;
  return { br: weight("br"), gzip: Math.max(weight("gzip"), weights.get("x-gzip") ?? 0) };
}

/**
 * The encoding to use for an `Accept-Encoding` header: "br" or "gzip" (the one with the higher q-value, Brotli on a
 * tie), or null when the client takes neither (no header, `identity`, or q=0).
 */
export function negotiateEncoding(header) {
  const { br, gzip } = acceptedEncodings(header);
  if (br > 0 && br >= gzip) return "br";
  return gzip > 0 ? "gzip" : null;
}

/** Adds Accept-Encoding to the response's Vary header, once. */
function varyOnEncoding(res) {
  const vary = String(res.getHeader("Vary") ?? "");
  if (/(?:^|,)\s*(?:\*|accept-encoding)\s*(?:,|$)/i.test(vary)) return;
  res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
}

function encoder(encoding, sizeHint) {
  if (encoding === "br")
    return zlib.createBrotliCompress({
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        ...(sizeHint ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint } : {}),
      },
    });
  return zlib.createGzip({ level: DYNAMIC_GZIP_LEVEL });
}

/**
 * Middleware that compresses what comes after it. A response is compressed when the client accepts br or gzip, the
 * request is not HEAD, the status has a body (not 1xx, 204, 206, 304), its type is text-like, it carries no
 * Content-Encoding or `Cache-Control: no-transform`, and it is at least COMPRESSION_THRESHOLD bytes. The size is
 * known from Content-Length, or else by holding the first writes until they reach the threshold, the response ends,
 * or the event loop turns (a stream that is still running: compressed, since more is coming). Every later
 * `res.flush()` (which Remix calls after each chunk) pushes what was written through the encoder at once.
 */
export function compressResponses() {
  return (req, res, next) => {
    const encoding = negotiateEncoding(req.headers["accept-encoding"]);
    const write = res.write;
    const end = res.end;
    const writeHead = res.writeHead;
    /** @type {zlib.BrotliCompress | zlib.Gzip | null} */
    let stream = null;
    /** Writes held back before the headers, while the size is not yet known. */
    let held = [];
    let heldBytes = 0;
    let decided = false;
    let timer = null;

    /** Called just before the headers go out: sets the encoding headers and the encoder, or leaves all as it is. */
    const decide = () => {
      if (decided) return;
      decided = true;
      const status = res.statusCode;
      if (status < 200 || status === 204 || status === 206 || status === 304) return;
      const type = String(res.getHeader("Content-Type") ?? "");
      if (!COMPRESSIBLE.test(type)) return;
      if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.getHeader("Cache-Control") ?? ""))) return;
      varyOnEncoding(res);
      const existing = String(res.getHeader("Content-Encoding") ?? "identity").toLowerCase();
      if (!encoding || req.method === "HEAD" || existing !== "identity") return;
      const length = Number(res.getHeader("Content-Length") ?? NaN);
      if (length < COMPRESSION_THRESHOLD) return;
      res.setHeader("Content-Encoding", encoding);
      res.removeHeader("Content-Length");
      res.removeHeader("Accept-Ranges");
      // A strong ETag names these exact bytes; the encoded ones are only equivalent.
      const etag = res.getHeader("ETag");
      if (typeof etag === "string" && !etag.startsWith("W/")) res.setHeader("ETag", `W/${etag}`);
      stream = encoder(encoding, Number.isFinite(length) ? length : 0);
      stream.on("data", (chunk) => {
        if (write.call(res, chunk) === false) stream?.pause();
      });
      stream.on("end", () => end.call(res));
      stream.on("error", (err) => res.destroy(err));
      // The socket took what it had: let the encoder go on; an encoder with room again lets the writer go on.
      res.on("drain", () => stream?.resume());
      stream.on("drain", () => res.emit("drain"));
    };

    /** Sends the headers (deciding on the encoding) and then what was held back. */
    const commit = () => {
      clearImmediate(timer);
      timer = null;
      if (!res.headersSent) res.writeHead(res.statusCode);
      const pending = held;
      held = [];
      heldBytes = 0;
      for (const chunk of pending) {
        if (stream) stream.write(chunk);
        else write.call(res, chunk);
      }
    };

    const toBuffer = (chunk, enc) =>
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof enc === "string" ? enc : "utf8")
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

    res.writeHead = function (...args) {
      // Headers given here must be visible to decide(): copy them onto the response first.
      const [status, second, third] = args;
      const headers = typeof second === "string" ? third : second;
      if (headers && !Array.isArray(headers) && !this.headersSent) {
        for (const [k, v] of Object.entries(headers)) if (v !== undefined) this.setHeader(k, v);
        this.statusCode = status;
        if (typeof second === "string") this.statusMessage = second;
        decide();
        return writeHead.call(this, status, ...(typeof second === "string" ? [second] : []));
      }
      if (!Array.isArray(headers)) {
        this.statusCode = status;
        decide();
      }
      return writeHead.apply(this, args);
    };

    res.write = function (chunk, enc, cb) {
      if (typeof enc === "function") [cb, enc] = [enc, undefined];
      if (!this.headersSent && !decided) {
        if (chunk != null && chunk.length !== 0) {
          const buf = toBuffer(chunk, enc);
          held.push(buf);
          heldBytes += buf.length;
        }
        if (heldBytes >= COMPRESSION_THRESHOLD) commit();
        else timer ??= setImmediate(commit);
        if (cb) process.nextTick(cb);
        return true;
      }
      if (stream) return stream.write(chunk, enc, cb);
      return write.call(this, chunk, enc, cb);
    };

    res.end = function (chunk, enc, cb) {
      if (typeof chunk === "function") [cb, chunk, enc] = [chunk, undefined, undefined];
      if (typeof enc === "function") [cb, enc] = [enc, undefined];
      if (!this.headersSent && !decided) {
        if (chunk != null && chunk.length !== 0) {
          const buf = toBuffer(chunk, enc);
          held.push(buf);
          heldBytes += buf.length;
        }
        // The whole body is here: its size is known.
        const bodyless = req.method === "HEAD" || this.statusCode === 204 || this.statusCode === 304;
        if (!bodyless && !this.hasHeader("Transfer-Encoding") && !this.hasHeader("Content-Length"))
          this.setHeader("Content-Length", heldBytes);
        commit();
        chunk = undefined;
      }
      if (cb) this.once("finish", cb);
      if (stream) {
        if (chunk != null) stream.end(chunk, enc);
        else stream.end();
        return this;
      }
      return chunk != null ? end.call(this, chunk, enc) : end.call(this);
    };

    res.flush = function () {
      // Before the headers, the held writes go out at the latest when the event loop turns (see write).
      if (!stream) return;
      stream.flush(encoding === "gzip" ? zlib.constants.Z_SYNC_FLUSH : zlib.constants.BROTLI_OPERATION_FLUSH);
    };

    // A client that went away: free the encoder.
    res.once("close", () => {
      clearImmediate(timer);
      if (!res.writableFinished) stream?.destroy();
    });
    next();
  };
}

/**
 * express.static for `root`, serving a file's `.br` or `.gz` copy (written at build) when the client accepts it,
 * with the original's Content-Type and `Vary: Accept-Encoding` on every file that has a copy. A copy older than its
 * original is ignored. The copy is served as a file of its own: its ETag, Last-Modified and byte ranges are those of
 * the encoded bytes, as HTTP defines them for an encoded response.
 */
export function staticWithEncodings(root, options) {
  const serve = express.static(root, options);
  const { mime } = express.static;
  const base = path.resolve(root);
  const mtime = async (file) => (await fs.stat(file).catch(() => null))?.mtimeMs ?? null;
  return async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return serve(req, res, next);
    let file;
    try {
      file = path.join(base, decodeURIComponent(req.path));
    } catch {
      return serve(req, res, next);
    }
    if (!file.startsWith(base + path.sep)) return serve(req, res, next);
    const original = await mtime(file);
    if (original === null) return serve(req, res, next);
    const encoding = negotiateEncoding(req.headers["accept-encoding"]);
    const variants = { br: await mtime(`${file}.br`), gzip: await mtime(`${file}.gz`) };
    const fresh = (e) => variants[e] !== null && variants[e] >= original;
    if (!fresh("br") && !fresh("gzip")) return serve(req, res, next);
    varyOnEncoding(res);
    // The preferred encoding, or the other one when only its copy exists and the client takes it too.
    const accepted = acceptedEncodings(req.headers["accept-encoding"]);
    const chosen = [encoding, "br", "gzip"].find((e) => e && accepted[e] > 0 && fresh(e));
    if (!chosen) return serve(req, res, next);
    const type = mime.lookup(file);
    const charset = mime.charsets.lookup(type);
    const url = req.url;
    const query = url.indexOf("?");
    const suffix = chosen === "br" ? ".br" : ".gz";
    req.url = query === -1 ? url + suffix : url.slice(0, query) + suffix + url.slice(query);
    res.setHeader("Content-Type", charset ? `${type}; charset=${charset}` : type);
    res.setHeader("Content-Encoding", chosen);
    serve(req, res, (err) => {
      // The copy went away in between: undo, and let the next handler have the request as it came.
      req.url = url;
      if (!res.headersSent) {
        res.removeHeader("Content-Type");
        res.removeHeader("Content-Encoding");
      }
      next(err);
    });
  };
}

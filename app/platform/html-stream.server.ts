/**
 * The stream a server-rendered page is written into. React 18.3's streaming renderer (renderToPipeableStream) copies
 * text into a 2 kB buffer and, when a multi-byte character does not fit at its end, sends the whole buffer, its
 * unwritten zero bytes included: the page then carries a NUL byte before that character ("F\u0000ör", seen by the
 * integration tests about once in six runs of one page). A page never holds a raw NUL otherwise (answers and texts
 * refuse it, and JSON escapes it), and in UTF-8 the byte 0 is only ever U+0000, so dropping every 0 byte gives back
 * exactly the page React meant. html-stream.server.test.ts shows the fault and the repair; when a React upgrade
 * fixes the renderer, that test says so and this stream can go.
 */
import { Transform, type TransformCallback } from "node:stream";

/** A chunk without its 0 bytes (the same Buffer when it has none). */
export function dropNulBytes(chunk: Buffer): Buffer {
  let at = chunk.indexOf(0);
  if (at === -1) return chunk;
  const out = Buffer.allocUnsafe(chunk.length);
  let n = 0;
  let from = 0;
  while (at !== -1) {
    n += chunk.copy(out, n, from, at);
    from = at + 1;
    at = chunk.indexOf(0, from);
  }
  n += chunk.copy(out, n, from);
  return out.subarray(0, n);
}

/** A pass-through for a rendered page that drops the NUL bytes the renderer may leave (see above). */
export function htmlBodyStream(): Transform {
  return new Transform({
    transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback) {
      callback(null, dropNulBytes(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding)));
    },
  });
}

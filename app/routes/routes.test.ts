import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every loader and action that reads the request runs inside page/pageInput (pages) or api (the JSON API): the one
// place where domain errors become HTTP. The export is a function expression (`(args) => page(args, fn)`), which
// the browser build drops; a module-level call (`page(fn)`) would stay in the browser bundle.
const dir = path.resolve(__dirname);
// The root route (app/root.tsx) is held to the same rules.
const modules = [
  ...fs
    .readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
    .map((f) => ({ file: f, source: fs.readFileSync(path.join(dir, f), "utf8") })),
  { file: "../root.tsx", source: fs.readFileSync(path.join(dir, "../root.tsx"), "utf8") },
];

/** Loaders that take no request at all: the health check, the 405 of POST-only endpoints, sign-out's GET. */
const WITHOUT_INPUT = /^export (const (loader|action) = \(\) =>|async function loader\(\))/;

describe("route modules", () => {
  it("run every loader and action through page, pageInput or api", () => {
    // An export with the start of its body, on one line (the formatter may break after `=>`).
    const exports = modules.flatMap(({ file, source }) =>
      [...source.matchAll(/^export (?:const|async function|function) (?:loader|action)\b[^\n]*(?:\n[^\n]*)?/gm)].map(
        (m) => ({
          file,
          line: m[0].replace(/=>\s*\n\s*/, "=> ").split("\n")[0]!,
        }),
      ),
    );
    expect(exports.length).toBeGreaterThan(50);
    const offenders = exports.filter(
      ({ line }) =>
        !/^export const (loader|action) = \(args: (Loader|Action)FunctionArgs\) => (page|pageInput|api)\(args, async /.test(
          line,
        ) && !WITHOUT_INPUT.test(line),
    );
    expect(offenders).toEqual([]);
  });

  it("call no wrapper at module level and need no purity hints", () => {
    const offenders = modules.filter(({ source }) =>
      /export const (loader|action) = (page|pageInput|api)\(|@__PURE__/.test(source),
    );
    expect(offenders.map((m) => m.file)).toEqual([]);
  });

  it("read loader data typed from the loader itself, without casts", () => {
    const offenders = modules.filter(({ source }) =>
      /use(Loader|Action)Data<(?!typeof (loader|action|clientAction)>)|use(Loader|Action)Data\(\) as|as unknown as/.test(
        source,
      ),
    );
    expect(offenders.map((m) => m.file)).toEqual([]);
  });
});

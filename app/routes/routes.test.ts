import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The classic compiler keeps a module-level call in the browser bundle unless it is marked pure; there
// `page`/`api` (from a .server module) are undefined and the route fails to hydrate. Every wrapped loader or
// action must carry the annotation.
describe("route modules", () => {
  it("mark page()/api() wrapped loaders and actions as pure, so they leave the browser bundle", () => {
    const dir = path.resolve(__dirname);
    const offenders = fs
      .readdirSync(dir)
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
      .filter((f) => /export const (loader|action) = (page|api)\(/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});

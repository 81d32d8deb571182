// The import boundaries of docs/architecture.md ("Boundaries"), as the linter enforces them: ESLint's Node API
// with the project's own config (eslint.config.js, rule `td/boundaries` from scripts/eslint-boundaries.mjs) on
// planted files. Each planted violation must fail; files that keep the rules must pass. The planted code is linted
// as text under a path in app/, so nothing is written there except the two files of the cycle case.
import fs from "node:fs";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const eslint = new ESLint({ cwd: ROOT });

/** The messages of the boundaries rule for `code` linted as if it were the file `file` (repository-relative). */
async function boundaryMessages(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  // A parse error or an ignored path would hide the rule: fail loudly instead of passing for the wrong reason.
  expect(result.messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === "td/boundaries");
}

describe("td/boundaries fails on planted violations", () => {
  it("a component importing a .server module", async () => {
    const messages = await boundaryMessages(
      "app/components/Planted.tsx",
      'import { getDb } from "~/platform/db.server";\nexport const planted = getDb;\n',
    );
    expect(messages.map((m) => m.message)).toEqual([
      expect.stringContaining("must not import the server-only app/platform/db.server.ts"),
    ]);
  });

  it("a domain file importing a .server file", async () => {
    const messages = await boundaryMessages(
      "app/features/results/domain/planted.ts",
      'import { countCodes } from "../counting/count.server";\nexport const planted = countCodes;\n',
    );
    expect(messages.map((m) => m.message)).toEqual([
      expect.stringContaining("must not import the server-only app/features/results/counting/count.server.ts"),
    ]);
  });

  it("a lower feature (surveys) importing a higher one's face (results), upward", async () => {
    const messages = await boundaryMessages(
      "app/features/surveys/planted.server.ts",
      'import { getResults } from "~/features/results/index.server";\nexport const planted = getResults;\n',
    );
    expect(messages.map((m) => m.message)).toEqual([
      expect.stringContaining("the surveys feature may not use results"),
    ]);
  });

  it("a route importing a feature's internal file instead of its face", async () => {
    const messages = await boundaryMessages(
      "app/routes/planted.tsx",
      'import { getResults } from "~/features/results/results.server";\nexport const planted = getResults;\n',
    );
    expect(messages.map((m) => m.message)).toEqual([
      expect.stringContaining("use the results feature through its face (~/features/results/index.server)"),
    ]);
  });

  it("the platform importing a feature", async () => {
    const messages = await boundaryMessages(
      "app/platform/planted.ts",
      'import { THEME_KEYS } from "~/features/surveys/index";\nexport const planted = THEME_KEYS;\n',
    );
    expect(messages.map((m) => m.message)).toEqual([expect.stringContaining("the platform knows no feature")]);
  });

  describe("an import cycle", () => {
    // The cycle check follows the imports on disk, so the two modules of the cycle are real files, in a folder of
    // their own under app/ that is removed afterwards.
    let dir = "";
    beforeAll(() => {
      // A run killed before afterAll leaves its folder behind, which would fail `npm run lint`: clear those first.
      for (const old of fs.readdirSync(path.join(ROOT, "app")).filter((d) => d.startsWith("planted-cycle-"))) {
        fs.rmSync(path.join(ROOT, "app", old), { recursive: true, force: true });
      }
      dir = fs.mkdtempSync(path.join(ROOT, "app", "planted-cycle-"));
      fs.writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = (): number => b() + 1;\n');
      fs.writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = (): number => a() - 1;\n');
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("fails, naming the modules of the cycle", async () => {
      const a = path.relative(ROOT, path.join(dir, "a.ts")).split(path.sep).join("/");
      const b = a.replace(/a\.ts$/, "b.ts");
      const messages = await boundaryMessages(a, fs.readFileSync(path.join(ROOT, a), "utf8"));
      expect(messages.map((m) => m.message)).toEqual([`import cycle: ${a} → ${b} → ${a}`]);
    });
  });
});

describe("td/boundaries passes on code that keeps the rules", () => {
  it("a route using features through their faces, a component with a pure face and a type-only server import", async () => {
    const route = await boundaryMessages(
      "app/routes/planted.tsx",
      [
        'import { getResults } from "~/features/results/index.server";',
        'import { requireKommun } from "~/features/accounts/index.server";',
        'import { THEME_KEYS } from "~/features/surveys/index";',
        "export const planted = [getResults, requireKommun, THEME_KEYS];",
        "",
      ].join("\n"),
    );
    expect(route).toEqual([]);
    const component = await boundaryMessages(
      "app/components/Planted.tsx",
      [
        'import type { Database } from "~/platform/db.server";',
        'import { formatPercent } from "~/features/results/index";',
        "export const planted = (db: Database | null) => (db ? formatPercent(0.5) : null);",
        "",
      ].join("\n"),
    );
    expect(component).toEqual([]);
    const promises = await boundaryMessages(
      "app/features/promises/planted.server.ts",
      'import { getResults } from "~/features/results/index.server";\nexport const planted = getResults;\n',
    );
    expect(promises).toEqual([]);
  });
});

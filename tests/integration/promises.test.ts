import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed/index";
import { extractNumberBearingPromises, SEED_DOCUMENTS } from "../../db/seed/promise-documents";
import { startApp, type TestApp } from "../support/app-server";
import { testEngine } from "../support/test-db";

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
  await seedDemo({ db: app.open.db, withSurveys: false });
});
afterAll(async () => app?.close());

type ApiPromise = {
  text: string;
  originalText: string;
  suggestion?: string | null;
  target: { kind: string; quantity?: number; per?: string; averaged?: boolean };
  measurable: boolean;
};
type ApiDoc = {
  id: number;
  kommun: string;
  period: { label: string };
  promiseCount: number;
  measurableCount: number;
  focusAreas: { title: string; promises: ApiPromise[] }[];
};

const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

describe(`published promise documents on ${testEngine()}`, () => {
  for (const seed of SEED_DOCUMENTS) {
    it(`${seed.kommun} ${seed.periodLabel}: every number-bearing promise of the original appears with the same number, unit and period`, async () => {
      const list = (await (await fetch(`${app.url}/api/v1/promises?kommun=${seed.kommun}`)).json()) as {
        documents: { id: number; period: { label: string } }[];
      };
      const entry = list.documents.find((d) => d.period.label === seed.periodLabel);
      expect(entry, "document is listed").toBeDefined();
      const doc = (await (await fetch(`${app.url}/api/v1/promises/${entry!.id}`)).json()) as ApiDoc;
      const promises = doc.focusAreas.flatMap((f) => f.promises);
      const original = fs.readFileSync(path.resolve(__dirname, "../../db/seed/documents", seed.sourceFile), "utf8");
      const numbered = extractNumberBearingPromises(original);
      // Härjedalen's 2019 document promises nothing with a number; the four others do.
      expect(numbered.length > 0).toBe(seed.kommun !== "harjedalen");
      for (const n of numbered) {
        const match = promises.find((p) => normalise(p.originalText).includes(normalise(n.text).slice(0, 60)));
        expect(match, `promise "${n.text.slice(0, 60)}..." is stored`).toBeDefined();
        expect(match!.target.kind).toBe("quantity");
        expect(match!.target.quantity).toBe(n.quantity);
        if (n.per) expect(match!.target.per).toBe(n.per);
        else expect(match!.target.per).toBe("period");
        expect(match!.measurable).toBe(true);
        // The rendering in the documents' own style carries the same number.
        expect(match!.text).toContain(`(${n.quantity})`);
      }
      expect(doc.measurableCount).toBe(promises.filter((p) => p.measurable).length);
    });
  }

  it("counts Härjedalen's promises as not measurable, with a suggestion for each", async () => {
    const list = (await (await fetch(`${app.url}/api/v1/promises?kommun=harjedalen`)).json()) as {
      documents: { id: number }[];
    };
    const doc = (await (await fetch(`${app.url}/api/v1/promises/${list.documents[0]!.id}`)).json()) as ApiDoc & {
      focusAreas: { promises: ApiPromise[] }[];
    };
    const all = doc.focusAreas.flatMap((f) => f.promises);
    expect(doc.measurableCount).toBe(0);
    expect(all.every((p) => !p.measurable && typeof p.suggestion === "string" && p.suggestion.length > 10)).toBe(true);
  });

  it("serves the public page of a kommun's promises without sign-in", async () => {
    const res = await fetch(`${app.url}/lofte/haparanda`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Medborgarlöften i Haparanda kommun");
    expect(html).toContain("2020–2022");
  });

  it("answers 404 for an unknown kommun or document and 422 without a kommun", async () => {
    expect((await fetch(`${app.url}/api/v1/promises?kommun=nowhere`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/v1/promises/999999`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/v1/promises`)).status).toBe(422);
    expect((await fetch(`${app.url}/lofte/haparanda/999999`)).status).toBe(404);
  });
});

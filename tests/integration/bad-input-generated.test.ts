// Bad input at the public submission API (docs/api.md), generated: 10,500 inputs from fast-check with a fixed seed,
// to the validator and over HTTP.
import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import fc from "fast-check";
import { validateAnswers, type Locale } from "../../app/features/surveys/validation.server";
import { testEngine } from "../support/test-db";
import { app, plan, valid, s, send, state, ErrorBody, setUpBadInputFixture } from "../support/bad-input-fixture";

setUpBadInputFixture();

// ---- generated inputs -----------------------------------------------------------------------------------------

const SEED = 20260707;
const knownKeys = new Set(plan.keys.keys());
const questionNames = [...knownKeys];
const choiceValues = [
  ...new Set(
    valid.flatMap((v) =>
      Object.values(v).flatMap((x) =>
        typeof x === "string" ? [x] : Array.isArray(x) ? x : typeof x === "object" ? Object.values(x) : [],
      ),
    ),
  ),
];
const rowNames = [
  ...new Set(
    valid.flatMap((v) => (typeof v.problems === "object" && !Array.isArray(v.problems) ? Object.keys(v.problems) : [])),
  ),
];
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True if any string (key or value) in v has NUL or an unpaired surrogate; iterative, for any depth. */
function hasBadText(v: unknown): boolean {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === "string") {
      if (BAD.test(x)) return true;
    } else if (x && typeof x === "object") {
      for (const [k, y] of Object.entries(x)) {
        if (BAD.test(k)) return true;
        stack.push(y);
      }
    }
  }
  return false;
}

const oddStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udc00",
  "a\ud83db",
  "\u202e",
  "e\u0301",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "=1+1",
  "__proto__",
  "constructor",
  "toString",
  "NaN",
  "true",
  "null",
  "1e309",
  "-0",
  "other",
  "none",
  "dont_know",
  "9".repeat(300),
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...choiceValues) },
  { weight: 2, arbitrary: oddStrings },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `x${String.fromCharCode(c)}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2100 }) },
);
const scalar = fc.oneof(text, fc.integer({ min: -5, max: 12 }), fc.double(), fc.boolean(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.subarray(choiceValues, { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...rowNames), text), tie("value"), { maxKeys: 4 }),
  ),
}));
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...questionNames) }, { weight: 1, arbitrary: text });
/** Objects shaped like answers: known and unknown names, plausible and implausible values. */
const answerLike = fc.dictionary(key, value, { maxKeys: 10 });
/** A valid synthetic answer with a few keys changed or removed: many stay valid, some become invalid in one place. */
const mutated = fc
  .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(key, fc.option(value, { nil: undefined })), { maxLength: 3 }))
  .map(([base, changes]) => {
    const d: Record<string, unknown> = { ...base };
    for (const [k, v] of changes) {
      if (v === undefined) delete d[k];
      else Object.defineProperty(d, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return d;
  });
const dataArb = fc.oneof(
  { weight: 4, arbitrary: mutated },
  { weight: 3, arbitrary: answerLike },
  { weight: 1, arbitrary: fc.constantFrom(...valid) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);
const localeArb = fc.constantFrom<Locale>("sv", "en", "fi");

describe(`generated inputs (fast-check, seed ${SEED}) on ${testEngine()}`, () => {
  it("validateAnswers never throws on 10,000 arbitrary answers; what it accepts has only known, clean keys and values", () => {
    let accepted = 0;
    fc.assert(
      fc.property(dataArb, localeArb, (data, locale) => {
        const r = validateAnswers(plan, data, locale);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(typeof e.question).toBe("string");
            expect(e.message.trim().length).toBeGreaterThan(0);
          }
          return;
        }
        accepted++;
        for (const k of Object.keys(r.data)) expect(knownKeys.has(k), k).toBe(true);
        expect(hasBadText(r.data)).toBe(false);
        const json = JSON.stringify(r.data);
        // What was accepted is accepted again unchanged (the stored answer revalidates).
        const again = validateAnswers(plan, JSON.parse(json), locale);
        expect(again).toEqual({ ok: true, data: JSON.parse(json) });
      }),
      { seed: SEED, numRuns: 10_000 },
    );
    // The "accepted ⇒" half of the property must not be vacuous.
    expect(accepted).toBeGreaterThan(1000);
  });

  it("500 arbitrary requests over HTTP: only 201, 400, 413, 415 or 422; 201 only for answers validateAnswers accepts", async () => {
    const FRESH = "<fresh uuid>";
    const idArb = fc.oneof(
      { weight: 8, arbitrary: fc.constant(FRESH) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          text,
          fc.integer(),
          fc.constant(null),
          fc.uuid().map((u) => u.toUpperCase().slice(1)),
        ),
      },
    );
    const envelopeArb = fc.record(
      {
        id: idArb,
        data: fc.oneof(
          { weight: 3, arbitrary: mutated },
          { weight: 1, arbitrary: fc.constantFrom(...valid) },
          { weight: 3, arbitrary: dataArb },
        ),
        locale: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom("sv", "en", "fi") },
          { weight: 1, arbitrary: fc.constantFrom("de", "", "SV", 1) },
        ),
        channel: fc.oneof(
          { weight: 6, arbitrary: fc.constant("web") },
          { weight: 1, arbitrary: fc.constantFrom("fax", "", "WEB", null) },
        ),
        code: fc.oneof(
          { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
          { weight: 1, arbitrary: fc.oneof(text, fc.integer()) },
        ),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ["id", "data"] },
    );
    const requestArb = fc.oneof(
      { weight: 12, arbitrary: envelopeArb.map((e) => ({ kind: "envelope" as const, e })) },
      {
        weight: 1,
        arbitrary: fc
          .jsonValue({ maxDepth: 3 })
          .map((j) => ({ kind: "raw" as const, text: JSON.stringify(j) ?? "null" })),
      },
      {
        weight: 1,
        arbitrary: fc.string({ unit: "binary", maxLength: 200 }).map((t) => ({ kind: "raw" as const, text: t })),
      },
      {
        weight: 1,
        arbitrary: fc
          .nat({ max: 30_000 })
          .map((n) => ({ kind: "raw" as const, text: `{"id":"x","data":${"[".repeat(1 + (n % 2000))}` })),
      },
    );
    const typeArb = fc.oneof(
      { weight: 10, arbitrary: fc.constant("application/json") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "application/json; charset=utf-8",
          "application/vnd.td+json",
          "text/plain",
          "",
          "application/x-www-form-urlencoded",
        ),
      },
    );
    const before = await state();
    let created = 0;
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(requestArb, typeArb, async (req, type) => {
        let body: string;
        let fresh = false;
        let data: unknown;
        if (req.kind === "envelope") {
          const e: Record<string, unknown> = { ...req.e };
          if (e.id === FRESH) {
            e.id = crypto.randomUUID();
            fresh = true;
          }
          body = JSON.stringify(e);
          data = JSON.parse(body).data;
        } else body = req.text;
        const res = await send(s.open, body, type ? { "content-type": type } : {}, `generated ${body.slice(0, 60)}`);
        const text = await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        expect([201, 400, 413, 415, 422], `${res.status} ${text.slice(0, 200)} for ${body.slice(0, 200)}`).toContain(
          res.status,
        );
        // A well-formed envelope of a valid answer must be stored; one of an invalid answer must get 422.
        if (req.kind === "envelope" && fresh && /json/.test(type) && Buffer.byteLength(body) <= 64 * 1024) {
          const e = req.e as Record<string, unknown>;
          const wellFormed =
            (e.locale === undefined || ["sv", "en", "fi"].includes(e.locale as string)) &&
            (e.channel === undefined || e.channel === "web") &&
            (e.code === undefined || (typeof e.code === "string" && e.code.length <= 40)) &&
            !!data &&
            typeof data === "object" &&
            !Array.isArray(data);
          if (wellFormed) {
            const ok = validateAnswers(plan, data, (e.locale as Locale | undefined) ?? "sv").ok;
            expect(res.status, `${text.slice(0, 200)} for ${body.slice(0, 300)}`).toBe(ok ? 201 : 422);
          }
        }
        if (res.status !== 201) {
          expect((JSON.parse(text) as ErrorBody).error?.length, text.slice(0, 200)).toBeGreaterThan(0);
          return;
        }
        created++;
        expect(fresh).toBe(true);
        const sentLocale = req.kind === "envelope" ? req.e.locale : undefined;
        const locale: Locale = sentLocale === "en" || sentLocale === "fi" ? sentLocale : "sv";
        const v = validateAnswers(plan, data, locale);
        expect(v.ok, `accepted over HTTP but not by validateAnswers: ${body.slice(0, 300)}`).toBe(true);
        const id = (JSON.parse(body) as { id: string }).id;
        const row = await app.open.db
          .selectFrom("response")
          .select("data")
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        if (v.ok) expect(row.data).toEqual(v.data);
      }),
      { seed: SEED, numRuns: 500 },
    );
    const after = await state();
    expect(after.responses - before.responses).toBe(created);
    // Both halves exercised: some stored, most refused.
    expect(created).toBeGreaterThan(20);
    expect(statuses[422] ?? 0).toBeGreaterThan(100);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

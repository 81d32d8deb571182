// Bad input at the public submission API (docs/api.md): oversized bodies and answers, deep nesting, and oddly
// encoded or hostile text, which is either refused with a 4xx that changes nothing or stored exactly as sent.
import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "kysely";
import { testEngine } from "../support/test-db";
import {
  app,
  valid,
  s,
  closedAnswerId,
  send,
  rawPost,
  post,
  envelope,
  allRefused,
  nested,
  storedAnswer,
  setUpBadInputFixture,
} from "../support/bad-input-fixture";

setUpBadInputFixture();

describe(`bad input at POST /api/v1/surveys/:slug/responses on ${testEngine()}`, () => {
  it("answers 413 to bodies over 64 KiB (declared or streamed) and 422 to over-long answers", async () => {
    const big = Buffer.from(JSON.stringify(envelope({ ...valid[4], suggestions: "x".repeat(70 * 1024) })));
    // Whitespace is valid JSON padding: without the limit this would be a valid, storable answer.
    const padded = Buffer.from(" ".repeat(96 * 1024) + JSON.stringify(envelope(valid[4])));
    await allRefused([
      ["70 KiB answer", () => rawPost(s.open, big), 413],
      ["1 MiB body", () => rawPost(s.open, Buffer.from("[" + "1,".repeat(512 * 1024) + "1]")), 413],
      ["96 KiB chunked, without Content-Length", () => rawPost(s.open, padded, { chunked: true }), 413],
      [
        "comment over its 2,000 characters",
        () => post(s.open, envelope({ ...valid[4], suggestions: "å".repeat(2001) })),
        422,
        { question: ["suggestions"] },
      ],
      [
        "comment of 60,000 characters",
        () => post(s.open, envelope({ ...valid[4], unsafe_places: "x".repeat(60_000) })),
        422,
        { question: ["unsafe_places"] },
      ],
      [
        "a code of 10,000 characters",
        () => post(s.coded, envelope(valid[4], { code: "A".repeat(10_000) })),
        422,
        { field: ["code"] },
      ],
    ]);
    // A maximal comment is fine.
    expect((await post(s.open, envelope({ ...valid[4], suggestions: "å".repeat(2000) }))).status).toBe(201);
  });

  it("refuses deep nesting (10,000 nested arrays or objects) with a 4xx, in every place and to every survey", async () => {
    const arrays = nested(10_000, "[", "]");
    const objects = nested(10_000, '{"a":', "}", "1");
    const env =
      (inner: string, slug = s.open, id = crypto.randomUUID()) =>
      () =>
        send(
          slug,
          `{"id":"${id}","locale":"sv","data":{"area":"pajala",${inner}}}`,
          undefined,
          `deep ${inner.slice(0, 30)}`,
        );
    await allRefused([
      ["the body itself", () => send(s.open, arrays), 422],
      ["data", () => send(s.open, `{"id":"${crypto.randomUUID()}","data":${arrays}}`), 422, { field: ["data"] }],
      ["an unknown question", env(`"deep":${arrays}`), 422, { question: ["deep"] }],
      ["a comment question", env(`"suggestions":${arrays}`), 422, { question: ["suggestions"] }],
      ["a checkbox question", env(`"victim_12m":[${arrays}]`), 422, { question: ["victim_12m"] }],
      ["a matrix question", env(`"problems":${objects}`), 422, { question: ["problems"] }],
      ["a matrix row", env(`"problems":{"litter":${objects}}`), 422, { question: ["problems"] }],
      ["a radiogroup question", env(`"safe_night_area":${objects}`), 422, { question: ["safe_night_area"] }],
      [
        "the locale",
        () => send(s.open, `{"id":"${crypto.randomUUID()}","data":{"area":"pajala"},"locale":${arrays}}`),
        422,
        { field: ["locale"] },
      ],
      ["to a closed survey", env(`"suggestions":${arrays}`, s.closed), 410],
      [
        "to a closed survey, with the id of an answer stored there",
        env(`"suggestions":${arrays}`, s.closed, closedAnswerId),
        410,
      ],
      ["to a draft", env(`"suggestions":${arrays}`, s.draft), 404],
    ]);
  });

  it("stores RTL text, combining marks and emoji verbatim, and refuses NUL and unpaired surrogates", async () => {
    const texts = [
      "مرحبا، أشعر بعدم الأمان قرب المحطة",
      "שלום \u202Egnp.exe\u202C ✓",
      "e\u0301 a\u030A o\u0308 Z\u0335\u0321\u0317a\u0336\u031Bl\u0338go",
      "👩‍👩‍👧 🏳️‍🌈 \u200D\u200B\uFEFF",
      "Åsa, Ärla och Önnestad – «citat» ‚så‘",
    ];
    for (const text of texts) {
      const e = envelope({ ...valid[5], suggestions: text });
      expect((await post(s.open, e)).status).toBe(201);
      expect(((await storedAnswer(e.id)) as Record<string, unknown>).suggestions).toBe(text);
    }
    const bad: [string, string][] = [
      ["NUL in free text", '"suggestions":"hej\\u0000då"'],
      ["NUL alone", '"suggestions":"\\u0000"'],
      ["a lone high surrogate", '"suggestions":"a\\ud800b"'],
      ["a lone low surrogate", '"suggestions":"\\udc00"'],
      ["surrogates in the wrong order", '"suggestions":"\\udc00\\ud800"'],
      ["NUL in a choice", '"safe_night_area":"very_safe\\u0000"'],
      ["NUL in a matrix row name", '"problems":{"litter\\u0000":"2"}'],
      ["a lone surrogate in a checkbox", '"victim_12m":["\\ud83d"]'],
      ["NUL in a question name", '"sugg\\u0000estions":"hej"'],
    ];
    await allRefused(
      bad.map(([what, inner]) => [
        what,
        () => send(s.open, `{"id":"${crypto.randomUUID()}","data":{"area":"pajala",${inner}}}`),
        422,
      ]),
    );
    // Bytes that are not UTF-8 are read as U+FFFD: never a 5xx, never the raw bytes stored.
    const id = crypto.randomUUID();
    const bytes = Buffer.concat([
      Buffer.from(`{"id":"${id}","data":{"area":"pajala","suggestions":"a`),
      Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      Buffer.from('b"}}'),
    ]);
    const res = await send(s.open, new Uint8Array(bytes), undefined, "invalid UTF-8");
    expect([201, 400, 422]).toContain(res.status);
    if (res.status === 201) {
      const row = await app.open.db
        .selectFrom("response")
        .select("data")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect((row.data as Record<string, string>).suggestions).toMatch(/^a\uFFFD+\(\uFFFD+b$/);
    }
  });

  it("stores HTML, script, SQL-looking and formula text exactly as sent", async () => {
    const texts = [
      '<script>alert("td")</script><img src=x onerror=alert(1)>',
      "</textarea><svg onload=alert(1)>&amp;&lt;",
      "'); DROP TABLE response; --",
      "1' OR '1'='1",
      "Robert'); DELETE FROM survey WHERE ('1'='1",
      "$1 $$ \\x00 \\' E'\\\\'",
      '=HYPERLINK("http://evil.example","klicka")',
      "+cmd|' /C calc'!A0",
      "{{7*7}} ${7*7} <%= 7*7 %>",
    ];
    for (const text of texts) {
      const e = envelope({ ...valid[6], suggestions: text, unsafe_places: text });
      expect((await post(s.open, e)).status).toBe(201);
      expect(await storedAnswer(e.id)).toMatchObject({ suggestions: text, unsafe_places: text });
    }
    // The tables the SQL-looking text names are all still there.
    const tables = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name in ('response', 'survey')`.execute(
      app.open.db,
    );
    expect(tables.rows[0]!.n).toBe(2);
    // No page shows answers' free text yet; staff-entered text (a survey title with markup) is shown escaped.
    const page = await (await fetch(`${app.url}/e/${s.other}`)).text();
    expect(page).not.toContain('<script>alert("td-xss")</script>');
    expect(page).not.toContain("<b>fet</b>");
    expect(page).toContain("&lt;script&gt;alert(");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeDefinitionHtml, sanitizeHtml } from "./html";

// What the sanitiser may emit: text without < or >, entity references, and tags of the allow-list with only
// their allowed attributes, double-quoted. Anything else in an output is a bug.
const OUT_TAG =
  /^<(?:\/(?:p|strong|em|b|i|u|ul|ol|li|h2|h3|h4|blockquote|span|a)|br(?: lang="[^"<>]*")? \/|br(?: lang="[^"<>]*")?|(?:p|strong|em|b|i|u|ul|ol|li|h2|h3|h4|blockquote|span)(?: lang="[^"<>]*")?|a(?: (?:href|title|lang)="[^"<>]*")* rel="noopener noreferrer nofollow")>/;

function checkOutput(out: string) {
  for (let i = out.indexOf("<"); i >= 0; i = out.indexOf("<", i + 1)) {
    const m = OUT_TAG.exec(out.slice(i));
    if (!m) throw new Error(`unexpected markup at ${i}: ${out.slice(i, i + 40)}`);
    // Inside a tag, a link goes only to http(s) or mailto (outside tags, `href="` is just text).
    expect(m[0]).not.toMatch(/href="(?!https?:\/\/|mailto:)/i);
  }
  expect(out.replace(/<[^>]*>/g, "")).not.toMatch(/[<>]/);
}

const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  "<svg onload=alert(1)>",
  '<p onclick="alert(1)" style="x">t</p>',
  "<iframe src=//evil.example></iframe>",
  "<!-- <script>alert(1)</script> -->",
  "<scr<script>ipt>alert(1)</script>",
  '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<p/onclick=alert(1)>x",
  '<a href="https://x.example"title="t">x</a>',
];

describe("sanitizeHtml", () => {
  it("keeps the allowed markup, with rel on links", () => {
    expect(sanitizeHtml("<p>Tack för <strong>dina</strong> svar!<br></p>")).toBe(
      "<p>Tack för <strong>dina</strong> svar!<br></p>",
    );
    expect(sanitizeHtml('<a href="https://polisen.se/x?a=1&amp;b=2" target="_blank">Polisen</a>')).toBe(
      '<a href="https://polisen.se/x?a=1&amp;b=2" rel="noopener noreferrer nofollow">Polisen</a>',
    );
    expect(sanitizeHtml('<A HREF="mailto:trygg@kommun.example">mejla</A>')).toBe(
      '<a href="mailto:trygg@kommun.example" rel="noopener noreferrer nofollow">mejla</a>',
    );
    expect(sanitizeHtml('<ul><li lang="fi">Kiitos<li>Tack</ul>')).toBe(
      '<ul><li lang="fi">Kiitos<li>Tack</li></li></ul>',
    );
    expect(sanitizeHtml("R&D &amp; 5 > 3")).toBe("R&amp;D &amp; 5 &gt; 3");
  });

  it("escapes tags outside the allow-list and drops attributes and URLs it does not allow", () => {
    expect(sanitizeHtml("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(sanitizeHtml("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(sanitizeHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a rel="noopener noreferrer nofollow">x</a>');
    expect(sanitizeHtml('<a href="&#106;avascript:alert(1)">x</a>')).toBe(
      '<a rel="noopener noreferrer nofollow">x</a>',
    );
    expect(sanitizeHtml('<p onclick="alert(1)" style="color:red">t</p>')).toBe("<p>t</p>");
    expect(sanitizeHtml("<p>open")).toBe("<p>open</p>");
    expect(sanitizeHtml("</p>x")).toBe("x");
    for (const h of HOSTILE) checkOutput(sanitizeHtml(h));
  });

  it("emits only allow-listed markup for any input, and is idempotent", () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(
        ...HOSTILE,
        "<",
        ">",
        "&",
        '"',
        "'",
        "=",
        "/",
        " ",
        "\t",
        "<p",
        "<a ",
        "href=",
        "javascript:",
        "on",
        "<br/>",
        "</a>",
        "&#x3c;",
        "&lt;",
        "</",
      ),
      fc.constantFrom("p", "a", "img", "script", "svg", "b", "li", "style").map((t) => `<${t}`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const out = sanitizeHtml(pieces.join(""));
        checkOutput(out);
        expect(sanitizeHtml(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("sanitizeDefinitionHtml", () => {
  it("sanitises every field SurveyJS renders as HTML, localized or not, and leaves the rest", () => {
    const bad = "<img src=x onerror=alert(1)>";
    const def = {
      title: "<b>not html</b>",
      completedHtml: { default: bad, en: `<p>${bad}</p>` },
      completedBeforeHtml: bad,
      loadingHtml: bad,
      completedHtmlOnCondition: [{ expression: "{a} = 1", html: { sv: bad } }],
      pages: [
        {
          elements: [
            { type: "html", name: "h", html: bad },
            { type: "panel", name: "p", elements: [{ type: "html", name: "h2", html: { fi: bad } }] },
          ],
        },
      ],
    };
    const out = sanitizeDefinitionHtml(def);
    const esc = "&lt;img src=x onerror=alert(1)&gt;";
    expect(out.title).toBe("<b>not html</b>");
    expect(out.completedHtml).toEqual({ default: esc, en: `<p>${esc}</p>` });
    expect(out.completedBeforeHtml).toBe(esc);
    expect(out.loadingHtml).toBe(esc);
    expect(out.completedHtmlOnCondition[0]!.html).toEqual({ sv: esc });
    expect(out.pages[0]!.elements[0]).toEqual({ type: "html", name: "h", html: esc });
    expect((out.pages[0]!.elements[1] as { elements: unknown[] }).elements[0]).toEqual({
      type: "html",
      name: "h2",
      html: { fi: esc },
    });
    expect(def.loadingHtml).toBe(bad);
  });
});

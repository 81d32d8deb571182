import { describe, expect, it } from "vitest";
import type { MetaFunction } from "@remix-run/node";
import { metaLocale, pageTitle, stylesheets, titleOf } from "./page-meta";

type Args = Parameters<MetaFunction>[0];
/** What Remix passes a page's meta: the root route's data (with the picked locale) and the location. */
const args = (locale: unknown, pathname: string) =>
  ({ matches: [{ id: "root", data: { locale } }], location: { pathname } }) as unknown as Args;

describe("page head", () => {
  it("titles a page by its own name, then the product's", () => {
    expect(titleOf("Fritextsvar")).toBe("Fritextsvar – Trygghetsdialog");
  });

  it("takes a page's title from the catalogue, in the language the page is shown in", () => {
    const meta = pageTitle("title.freetext");
    expect(meta(args("sv", "/app/kalix/enkater/x/fritext"))).toEqual([{ title: "Fritextsvar – Trygghetsdialog" }]);
    expect(meta(args("en", "/app/kalix/enkater/x/fritext"))).toEqual([
      { title: "Free-text answers – Trygghetsdialog" },
    ]);
    // A staff page has no Finnish: shown (and titled) in Swedish; a public page is titled in Finnish.
    expect(meta(args("fi", "/app/kalix/enkater/x/fritext"))).toEqual([{ title: "Fritextsvar – Trygghetsdialog" }]);
    expect(pageTitle("title.openData")(args("fi", "/oppna-data/kalix"))).toEqual([
      { title: "Avoin data – Trygghetsdialog" },
    ]);
    // Without the root's data (an error page) or with a locale it does not know: Swedish.
    expect(metaLocale({ matches: [], location: { pathname: "/" } } as unknown as Args)).toBe("sv");
    expect(metaLocale(args("xx", "/"))).toBe("sv");
  });

  it("links a page's own style sheets", () => {
    expect(stylesheets("/a.css", "/b.css")()).toEqual([
      { rel: "stylesheet", href: "/a.css" },
      { rel: "stylesheet", href: "/b.css" },
    ]);
  });
});

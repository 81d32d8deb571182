import { describe, expect, it } from "vitest";
import { pageTitle, stylesheets, titleOf } from "./page-meta";

describe("page head", () => {
  it("titles a page by its own name, then the product's", () => {
    expect(titleOf("Fritextsvar")).toBe("Fritextsvar – Trygghetsdialog");
    expect((pageTitle("Fritextsvar") as () => unknown)()).toEqual([{ title: "Fritextsvar – Trygghetsdialog" }]);
  });

  it("links a page's own style sheets", () => {
    expect(stylesheets("/a.css", "/b.css")()).toEqual([
      { rel: "stylesheet", href: "/a.css" },
      { rel: "stylesheet", href: "/b.css" },
    ]);
  });
});

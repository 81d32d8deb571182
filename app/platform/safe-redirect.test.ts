import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    "/\\evil.example/x",
    "/%5Cevil.example/x",
    "/%255Cevil.example/x",
    "/\tevil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d%0a/evil.example",
    "//evil.example",
    "/%2F/evil.example",
    "/%252F/evil.example",
    "///evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "\\\\evil.example",
    " /app",
    "",
    "app",
    "/%E0%A4%A",
  ])("refuses %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/app");
  });

  it.each([
    ["/app", "/app"],
    ["/app/haparanda/enkater/x/resultat?area=%C3%96st%20x#t", "/app/haparanda/enkater/x/resultat?area=%C3%96st%20x#t"],
    ["/konto", "/konto"],
    ["/lofte/haparanda/1?a=b:c", "/lofte/haparanda/1?a=b:c"],
  ])("keeps the same-site path %j", (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it("gives the fallback for non-strings", () => {
    expect(safeRedirectPath(null, "/x")).toBe("/x");
    expect(safeRedirectPath(undefined)).toBe("/app");
  });
});

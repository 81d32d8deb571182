import { describe, expect, it } from "vitest";
import { compileSafeRegExp, hasCatastrophicShape } from "./safe-regexp.server";

describe("compileSafeRegExp", () => {
  it("runs patterns the linear engine supports in linear time, with the same answers", () => {
    const r = compileSafeRegExp("^(a+)+$");
    expect(r.ok && r.linear).toBe(true);
    if (!r.ok) return;
    const evil = `${"a".repeat(50_000)}b`;
    const started = process.hrtime.bigint();
    expect(r.re.test(evil)).toBe(false);
    // Exponential backtracking would not finish at all; a generous bound keeps this from being a timing test.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
    expect(r.re.test("aaaa")).toBe(true);
    const postal = compileSafeRegExp("^[0-9]{3} ?[0-9]{2}$");
    expect(postal.ok && postal.re.test("123 45") && !postal.re.test("12345x")).toBe(true);
  });

  it("keeps case-insensitive patterns when their shape is safe, and refuses catastrophic ones", () => {
    const ok = compileSafeRegExp("^[a-zåäö]+ \\d{3}$", true);
    expect(ok.ok && ok.re.test("ÅSA 123")).toBe(true);
    expect(compileSafeRegExp("^(a+)+$", true)).toEqual({ ok: false, reason: "unsafe" });
    expect(compileSafeRegExp("^(a|aa)*$", true)).toEqual({ ok: false, reason: "unsafe" });
    expect(compileSafeRegExp("(a)\\1")).toEqual({ ok: false, reason: "unsafe" });
  });

  it("refuses invalid and overlong patterns", () => {
    expect(compileSafeRegExp("(")).toEqual({ ok: false, reason: "invalid" });
    expect(compileSafeRegExp("a".repeat(501))).toEqual({ ok: false, reason: "too_long" });
  });
});

describe("hasCatastrophicShape", () => {
  it.each([
    ["^(a+)+$", true],
    ["^(\\d*)*$", true],
    ["^((ab)*c)+$", true],
    ["(x|y)+", true],
    ["(?:a?)+", true],
    ["^(?=a)b+$", false],
    ["^[(+*]+$", false],
    ["^\\(\\d+\\)$", false],
    ["^(\\+46|0)\\d{6,}$", false],
    ["^(ab){2,3}$", false],
    ["^[a-z]+@[a-z]+\\.[a-z]{2,}$", false],
  ])("%s → %s", (pattern, risky) => {
    expect(hasCatastrophicShape(pattern)).toBe(risky);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_ID, idField, parseId } from "./validation";

// The one reading of ids from URLs and forms: exactly the values of a PostgreSQL integer id column (1..2^31-1).
describe("parseId", () => {
  it("accepts plain decimal ids up to the integer limit", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("42")).toBe(42);
    expect(parseId(String(MAX_ID))).toBe(2147483647);
  });

  it("refuses everything else", () => {
    for (const raw of [
      "2147483648",
      "9999999999",
      "99999999999999999999999",
      "0",
      "-1",
      "01",
      "1.5",
      "1e3",
      "0x10",
      " 1",
      "1 ",
      "+1",
      "",
      "abc",
      "١",
    ]) {
      expect(parseId(raw), raw).toBeNull();
    }
    for (const raw of [undefined, null, 5, {}, []]) expect(parseId(raw)).toBeNull();
  });
});

describe("idField", () => {
  const schema = z.object({ findingId: idField, promiseId: idField.optional() });
  it("parses a form's id text (trimmed) to a number", () => {
    expect(schema.parse({ findingId: " 17 " })).toEqual({ findingId: 17 });
    expect(schema.parse({ findingId: "17", promiseId: "3" })).toEqual({ findingId: 17, promiseId: 3 });
  });

  it("reports a field message for a value that is not an id, and for a missing one", () => {
    for (const findingId of ["2147483648", "-1", "abc", "", undefined]) {
      const r = schema.safeParse({ findingId });
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["findingId", "Ogiltigt id"]]);
    }
  });
});

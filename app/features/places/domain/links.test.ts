import { describe, expect, it } from "vitest";
import { readZoneField } from "./links";

describe("readZoneField", () => {
  it("reads no zone, a zone id, or a value that names no zone", () => {
    expect(readZoneField(undefined)).toBeNull();
    expect(readZoneField(null)).toBeNull();
    expect(readZoneField("")).toBeNull();
    expect(readZoneField("  ")).toBeNull();
    expect(readZoneField("12")).toBe(12);
    expect(readZoneField(" 7 ")).toBe(7);
    for (const bad of ["0", "-1", "1.5", "abc", "012", "2147483648", "99999999999"])
      expect(readZoneField(bad)).toBe("invalid");
  });
});

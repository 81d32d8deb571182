import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Invalid } from "./errors.server";
import { parseInput } from "./parse.server";

describe("parseInput", () => {
  const schema = z.object({ title: z.string().trim().min(1, "loften.error.title") });

  it("returns the input as the schema reads it", () => {
    expect(parseInput(schema, { title: " Trygghet " })).toEqual({ title: "Trygghet" });
  });

  it("throws Invalid (422) with a message per field, and the given message for the whole", () => {
    let thrown: unknown;
    try {
      parseInput(schema, { title: "" }, "problem.filtersInvalid");
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Invalid);
    const invalid = thrown as Invalid;
    expect([invalid.status, invalid.messageKey, invalid.errors]).toEqual([
      422,
      "problem.filtersInvalid",
      [{ field: "title", message: "Skriv en titel", messageKey: "loften.error.title" }],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_ID, idField, parseId, zodErrors } from "./validation";

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
      expect(zodErrors(r.error!)).toEqual([
        { field: "findingId", message: "Ogiltigt id", messageKey: "problem.idInvalid" },
      ]);
    }
  });
});

// A schema's message may be a catalogue key: the field error then carries it, with the Swedish text as its message.
describe("zodErrors", () => {
  it("turns a message that is a catalogue key into the field error's key, with its Swedish text", () => {
    const schema = z.object({ title: z.string().min(1, "loften.error.title") });
    const r = schema.safeParse({ title: "" });
    expect(r.success).toBe(false);
    expect(zodErrors(r.error!)).toEqual([
      { field: "title", message: "Skriv en titel", messageKey: "loften.error.title" },
    ]);
  });

  it("gives zod's own issues (and a message that is no key) a catalogue message instead of zod's English", () => {
    const schema = z.object({
      name: z.string().max(3),
      label: z.string().min(1),
      tags: z.array(z.string()).max(1),
      n: z.number().int().min(5),
      kind: z.enum(["open", "closed"]),
      when: z.string().refine(() => false, "not a key"),
      gone: z.string(),
    });
    const r = schema.safeParse({ name: "abcd", label: "", tags: ["a", "b"], n: 2.5, kind: "x", when: "" });
    expect(r.success).toBe(false);
    expect(zodErrors(r.error!).map((e) => [e.field, e.messageKey, e.message])).toEqual([
      ["name", "problem.value.tooLong", "Högst 3 tecken"],
      ["label", "problem.value.required", "Fyll i det här"],
      ["tags", "problem.value.tooMany", "Högst 1 värden"],
      ["n", "problem.value.wholeNumber", "Ange ett heltal"],
      ["n", "problem.value.atLeast", "Minst 5"],
      ["kind", "problem.value.oneOf", "Välj ett av: open, closed"],
      ["when", "problem.value.invalid", "Ogiltigt värde"],
      ["gone", "problem.value.required", "Fyll i det här"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { mergeAnswers, parseCarried, readPage, type NativeQuestion } from "./native-form";

const base = { title: "", description: "", required: false, error: null, comment: null };
const c = (value: string, raw: string | number | boolean = value) => ({ value, raw, text: value });

const QUESTIONS: NativeQuestion[] = [
  {
    ...base,
    name: "ok",
    key: "ok",
    id: "nq-ok",
    kind: "radio",
    choices: [c("true", true), c("false", false)],
    value: "",
    other: null,
  },
  {
    ...base,
    name: "where",
    key: "where",
    id: "nq-where",
    kind: "checkbox",
    choices: [c("home"), c("other")],
    value: [],
    other: { choice: "other", label: "", commentKey: "where-Comment", text: "" },
  },
  {
    ...base,
    name: "places",
    key: "places",
    id: "nq-places",
    kind: "matrix",
    rows: [c("bus"), c("park")],
    columns: [c("1", 1), c("2", 2)],
    multi: false,
    value: {},
  },
  {
    ...base,
    name: "age",
    key: "age",
    id: "nq-age",
    kind: "text",
    inputType: "number",
    value: "",
    maxLength: null,
    numeric: true,
  },
  {
    ...base,
    name: "rank",
    key: "rank",
    id: "nq-rank",
    kind: "ranking",
    choices: [c("a"), c("b")],
    value: {},
    partial: false,
  },
];

describe("reading a posted page into SurveyJS's answers", () => {
  it("gives choice values their types, Other's text its comment key, a matrix rows → columns", () => {
    const data = readPage({ questions: QUESTIONS }, [
      ["q:ok", "false"],
      ["q:where", "home"],
      ["q:where", "other"],
      ["q:where:other", "I parken"],
      ["q:places:r0", "2"],
      ["q:age", "3,5"],
      ["q:rank:k0", "2"],
      ["q:rank:k1", "1"],
    ]);
    expect(data).toEqual({
      ok: false,
      where: ["home", "other"],
      "where-Comment": "I parken",
      places: { bus: 2 },
      age: 3.5,
      rank: ["b", "a"],
    });
  });

  it("leaves out what is not a choice, half a ranking and Other's text without Other; empty keys are present", () => {
    const data = readPage({ questions: QUESTIONS }, [
      ["q:ok", "maybe"],
      ["q:where:other", "text"],
      ["q:places:r1", "9"],
      ["q:rank:k0", "1"],
    ]);
    expect(Object.keys(data).sort()).toEqual(["age", "ok", "places", "rank", "where", "where-Comment"]);
    expect(Object.values(data).every((v) => v === undefined)).toBe(true);
  });

  it("merges a page over the carried answers: an answer taken back is removed", () => {
    expect(mergeAnswers({ a: 1, ok: true }, { ok: undefined, where: ["home"] })).toEqual({ a: 1, where: ["home"] });
    expect(parseCarried("[1]")).toEqual({});
    expect(parseCarried("{bad")).toEqual({});
    expect(parseCarried('{"a":1}')).toEqual({ a: 1 });
  });
});

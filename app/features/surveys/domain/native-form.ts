// The survey as a plain HTML form (docs/decisions/015-survey-without-javascript.md): the view of one page that the
// server builds and the page renders, and the reading of its posted fields back into SurveyJS answers. Pure: the
// server reads a post with it, and the browser reads what was typed into the form before SurveyJS took over.

/** A choice as the form carries it: the field's value (text) and the answer it stands for (SurveyJS's own value). */
export interface NativeChoice {
  value: string;
  raw: string | number | boolean;
  text: string;
}

interface NativeQuestionBase {
  /** The question's name in the definition. */
  name: string;
  /** The data key of its value (`valueName` or `name`). */
  key: string;
  /** The id of its element on the page (links from the error summary point here). */
  id: string;
  title: string;
  description: string;
  required: boolean;
  error: string | null;
  /** `<key>-Comment` when the question has a comment area (showCommentArea): its label and value. */
  comment: { key: string; label: string; value: string } | null;
}

export type NativeQuestion = NativeQuestionBase &
  (
    | {
        kind: "radio" | "select";
        choices: NativeChoice[];
        value: string;
        /** Other (describe): the choice's form value and where its text goes. */
        other: NativeOther | null;
      }
    | { kind: "checkbox"; choices: NativeChoice[]; value: string[]; other: NativeOther | null }
    | { kind: "text"; inputType: string; value: string; maxLength: number | null; numeric: boolean }
    | { kind: "comment"; value: string; maxLength: number | null }
    | {
        kind: "matrix";
        rows: NativeChoice[];
        columns: NativeChoice[];
        multi: boolean;
        /** The chosen column(s) per row, by the row's form value. */
        value: Record<string, string[]>;
      }
    | {
        kind: "multipletext";
        items: { name: string; title: string; inputType: string; value: string; numeric: boolean }[];
      }
    | {
        kind: "ranking";
        choices: NativeChoice[];
        /** The rank chosen per choice (its form value → "1", "2" ...; "" when not ranked). */
        value: Record<string, string>;
        /** Ranking only the chosen items (selectToRankEnabled): unranked items are left out. */
        partial: boolean;
      }
    | { kind: "html"; html: string }
    | { kind: "unsupported" }
  );

export interface NativeOther {
  choice: string;
  label: string;
  /** Where the text goes: `<key>-Comment` (SurveyJS's default), or into the value itself in place of "other". */
  commentKey: string | null;
  text: string;
}

/** One page of the survey as a form, with everything the server needs to continue from a post. */
export interface NativePageView {
  /** The page's index among all pages of the definition. */
  page: number;
  /** Its position among the pages visible for the answers so far, and how many there are. */
  position: number;
  of: number;
  title: string;
  description: string;
  progress: string;
  questions: NativeQuestion[];
  /** The answers of the other pages, carried in a hidden field (JSON): nothing is stored before the send. */
  carried: string;
  /** Made with the first page and sent with the answer: a repeated send of the same id is stored once. */
  responseId: string;
  /** The names of the questions shown, so that one revealed by an answer on this page is not an error at once. */
  shown: string[];
  code: string;
  codeError: string | null;
  /** A message above the questions (more questions appeared, the answer could not be stored ...). */
  notice: string | null;
  texts: { next: string; back: string; send: string; placeholder: string; required: string };
  isFirst: boolean;
  isLast: boolean;
}

/** The names of the form's own fields (besides the answers). */
export const FORM_FIELDS = {
  carried: "_answers",
  page: "_page",
  responseId: "_rid",
  shown: "_shown",
  nav: "_nav",
  code: "code",
} as const;

export type NativeNav = "next" | "back" | "send";

/** The field name of a question's value (and of its parts: other text, comment, matrix row, item, rank). */
export const fieldName = (q: { name: string }, part?: string) => (part ? `q:${q.name}:${part}` : `q:${q.name}`);

/** Reads what the form holds, a list of [name, value] pairs. */
export type FormEntries = Iterable<[string, string]>;

function gather(entries: FormEntries): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [k, v] of entries) {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  }
  return m;
}

const toNumber = (s: string): number | string => {
  const t = s.trim();
  if (t === "") return s;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? n : s;
};

/**
 * The answers a page's fields hold, as SurveyJS stores them (choice values with their types, Other's text under
 * `<key>-Comment`, a matrix as row → column). Every data key of the page's questions is present: undefined where
 * nothing was given, so that an answer taken back replaces the one carried from before.
 */
export function readPage(view: Pick<NativePageView, "questions">, entries: FormEntries): Record<string, unknown> {
  const form = gather(entries);
  const one = (name: string) => (form.get(name)?.[0] ?? "").replace(/\r\n/g, "\n");
  const all = (name: string) => form.get(name) ?? [];
  const out: Record<string, unknown> = {};
  const pick = (choices: NativeChoice[], v: string) => choices.find((c) => c.value === v);
  for (const q of view.questions) {
    switch (q.kind) {
      case "radio":
      case "select": {
        const c = pick(q.choices, one(fieldName(q)));
        out[q.key] = c?.raw;
        if (q.other) {
          const text = one(fieldName(q, "other"));
          const chosen = c !== undefined && c.value === q.other.choice;
          if (q.other.commentKey) out[q.other.commentKey] = chosen && text.trim() ? text : undefined;
          else if (chosen && text.trim()) out[q.key] = text;
        }
        break;
      }
      case "checkbox": {
        const chosen = all(fieldName(q))
          .map((v) => pick(q.choices, v))
          .filter((c): c is NativeChoice => c !== undefined);
        let values: unknown[] = chosen.map((c) => c.raw);
        if (q.other) {
          const text = one(fieldName(q, "other"));
          const hasOther = chosen.some((c) => c.value === q.other!.choice);
          if (q.other.commentKey) out[q.other.commentKey] = hasOther && text.trim() ? text : undefined;
          else if (hasOther && text.trim()) values = values.map((v) => (String(v) === q.other!.choice ? text : v));
        }
        out[q.key] = values.length ? values : undefined;
        break;
      }
      case "text": {
        const v = one(fieldName(q));
        out[q.key] = v === "" ? undefined : q.numeric ? toNumber(v) : v;
        break;
      }
      case "comment": {
        const v = one(fieldName(q));
        out[q.key] = v === "" ? undefined : v;
        break;
      }
      case "matrix": {
        const value: Record<string, unknown> = {};
        q.rows.forEach((row, r) => {
          const cols = all(fieldName(q, `r${r}`))
            .map((v) => pick(q.columns, v))
            .filter((c): c is NativeChoice => c !== undefined);
          if (cols.length) value[String(row.raw)] = q.multi ? cols.map((c) => c.raw) : cols[0].raw;
        });
        out[q.key] = Object.keys(value).length ? value : undefined;
        break;
      }
      case "multipletext": {
        const value: Record<string, unknown> = {};
        q.items.forEach((item, i) => {
          const v = one(fieldName(q, `i${i}`));
          if (v !== "") value[item.name] = item.numeric ? toNumber(v) : v;
        });
        out[q.key] = Object.keys(value).length ? value : undefined;
        break;
      }
      case "ranking": {
        const ranked = q.choices
          .map((c, i) => ({ c, rank: Number(one(fieldName(q, `k${i}`))) }))
          .filter((x) => Number.isInteger(x.rank) && x.rank > 0)
          .sort((a, b) => a.rank - b.rank);
        // A full ranking needs every item ranked; half a ranking is left unanswered (and required says so).
        const complete = q.partial ? ranked.length > 0 : ranked.length === q.choices.length;
        out[q.key] = complete ? ranked.map((x) => x.c.raw) : undefined;
        break;
      }
      case "html":
      case "unsupported":
        continue;
    }
    if (q.comment) {
      const v = one(fieldName(q, "comment"));
      out[q.comment.key] = v === "" ? undefined : v;
    }
  }
  return out;
}

/** The carried answers with this page's on top; keys a page left empty are removed. */
export function mergeAnswers(carried: Record<string, unknown>, page: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...carried };
  for (const [k, v] of Object.entries(page)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** The carried answers from their hidden field; anything but a JSON object reads as none. */
export function parseCarried(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

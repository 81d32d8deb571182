import type { LocalizableText } from "~/features/surveys/index";
import type { Area, Demographics, QuestionSummary } from "~/features/surveys/index";
import type { ImportReport } from "~/features/surveys/index.server";

/** What the builder page's loader sends (type-only imports: nothing of the models reaches the browser). */
export type BuilderData = {
  kommun: { slug: string; name: string };
  survey: {
    slug: string;
    title: string;
    period: string;
    kind: "medborgarenkat" | "medarbetardialog";
    status: "draft" | "open" | "closed";
    version: number;
    /** True when the next edit makes a new version (the current one has been open or has answers). */
    frozen: boolean;
  };
  definition: Record<string, unknown>;
  questions: QuestionSummary[];
  pages: { name: string; title: LocalizableText | null }[];
  bank: { section: string; title: LocalizableText; questions: { name: string; title: LocalizableText | null }[] }[];
  areas: Area[];
  demographics: Demographics;
  customTypes: readonly string[];
};

/** What an action of the builder answers: a saved edit, an import report, or field errors (422). */
export type BuilderResult = {
  intent?: string;
  version?: number;
  newVersion?: boolean;
  report?: ImportReport;
  errors?: { field: string; message: string }[];
  message?: string;
};

/** A localizable text in a locale for display, falling back to Swedish (`default`). */
export function localText(text: LocalizableText | null | undefined, locale: string): string {
  if (text == null) return "";
  if (typeof text === "string") return text;
  return (locale !== "sv" ? text[locale] : undefined) ?? text.default;
}

/** A localizable text in exactly one locale (Swedish is `default`), "" when it has none: for editing. */
export function exactText(text: LocalizableText | null | undefined, locale: string): string {
  if (text == null) return "";
  if (typeof text === "string") return locale === "sv" ? text : "";
  return (locale === "sv" ? text.default : text[locale]) ?? "";
}

export const EDIT_LOCALES = ["sv", "en", "fi"] as const;

import type { LocalizableText } from "~/features/surveys/index";
import type { bankOptions, listPages } from "~/features/surveys/index";

/** The pages of the survey as the builder lists them (builder.ts listPages). */
export type BuilderPage = ReturnType<typeof listPages>[number];
/** The question bank's sections as the builder offers them (builder.ts bankOptions). */
export type BankSection = ReturnType<typeof bankOptions>[number];

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

/**
 * Formatting of shares, margins and differences in percentage points for the reader (sv, en)
 * (docs/domain/statistics.md). Pure functions, part of the statistics face `./statistics` (its header states the
 * conventions).
 */

const LOCALE_TAGS: Readonly<Record<string, string>> = { sv: "sv-SE", en: "en-GB", fi: "fi-FI" };
const localeTag = (locale: string) => LOCALE_TAGS[locale] ?? locale;

/**
 * A share as a percentage: formatPercent(0.62) → "62 %" (Swedish: no-break space U+00A0 before %; English
 * "62%"). Rounds half away from zero.
 */
export function formatPercent(p: number, locale: string = "sv", decimals: number = 0): string {
  return new Intl.NumberFormat(localeTag(locale), {
    style: "percent",
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(p);
}

/** The ± of a share: the larger side of its interval, in whole percentage points (max(p − low, high − p)). */
export function marginPp(share: { p: number; low: number; high: number }): number {
  return Math.round(Math.max(share.p - share.low, share.high - share.p) * 100);
}

/** "±3" */
export function formatMargin(share: { p: number; low: number; high: number }): string {
  return `±${marginPp(share)}`;
}

const PP_WORDS: Readonly<Record<string, [one: string, many: string]>> = {
  sv: ["procentenhet", "procentenheter"],
  en: ["percentage point", "percentage points"],
  fi: ["prosenttiyksikkö", "prosenttiyksikköä"],
};

/**
 * A difference of shares (a proportion: −0.041) in percentage points: "−4,1 procentenheter" (true minus sign
 * U+2212 in Swedish), "+2,0 procentenheter", "0,0 procentenheter".
 */
export function formatPp(diff: number, locale: string = "sv", decimals: number = 1): string {
  const number = new Intl.NumberFormat(localeTag(locale), {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: "exceptZero",
  }).format(diff * 100);
  const [one, many] = PP_WORDS[locale] ?? PP_WORDS.en ?? ["percentage point", "percentage points"];
  const isOne = Math.abs(Number((diff * 100).toFixed(decimals))) === 1 && decimals === 0;
  return `${number} ${isOne ? one : many}`;
}

/**
 * "62 % (±3) av de svarande i Haparanda anser att narkotikaförsäljning är ett stort problem": the share,
 * the ± of its interval in whole percentage points, and the subject, which carries the rest of the sentence.
 */
export function describeShareSv(input: { share: number; low: number; high: number; subject: string }): string {
  const { share, low, high, subject } = input;
  return `${formatPercent(share, "sv")} (${formatMargin({ p: share, low, high })}) av ${subject}`;
}

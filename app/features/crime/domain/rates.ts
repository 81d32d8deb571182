/** Rates per 100,000 residents and the comparisons the crime statistics show (pure; the browser may use it). */

export const PER = 100_000;

/** Reported crimes per 100,000 residents, or null without a population. */
export function ratePer100k(count: number | null, population: number | null): number | null {
  if (count === null || population === null || population <= 0) return null;
  return (count / population) * PER;
}

/** A change from `before` to `after`: the difference and the relative change (null when `before` is 0). */
export interface Change {
  difference: number;
  relative: number | null;
}

export function change(before: number | null, after: number | null): Change | null {
  if (before === null || after === null) return null;
  return { difference: after - before, relative: before === 0 ? null : (after - before) / before };
}

/** A rate as a Swedish (or English) number with `decimals` places: "1 234,5". */
export function formatRate(rate: number | null, locale: "sv" | "en" | "fi" = "sv", decimals = 1): string {
  if (rate === null || !Number.isFinite(rate)) return "–";
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "sv-SE", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(rate);
}

/** A count with thousands grouping ("12 345"). */
export function formatCount(n: number | null, locale: "sv" | "en" | "fi" = "sv"): string {
  if (n === null) return "–";
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "sv-SE").format(n);
}

/** A relative change as a signed percentage ("+12 %", "−3 %"). */
export function formatRelative(r: number | null, locale: "sv" | "en" | "fi" = "sv"): string {
  if (r === null || !Number.isFinite(r)) return "–";
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "sv-SE", {
    style: "percent",
    maximumFractionDigits: 0,
    signDisplay: "exceptZero",
  }).format(r);
}

/**
 * Which comments a list under a filter may show (docs/privacy.md, "Comments under a filter"). Pure.
 *
 * A comment may be listed under a filter only if every combination of the characteristics a filter can isolate it
 * by is shared by at least minBase respondents who wrote a comment. Comments can be filtered by the demographic
 * columns only (area, age band, gender; answer, date and channel filters are refused for comments), so the rule is
 * k-anonymity of the commenters on those columns: their demographics are coarsened as the answers export does
 * (`coarsenDemographics`: a value held by a combination of fewer than minBase commenters is hidden, with enough
 * others that the hidden rows cannot be told apart), and a comment is listed under a filter only when its
 * coarsened combination lies wholly inside it: every filtered column shown and among the filter's values.
 * Two lists under different filters then differ by whole classes of at least minBase commenters, never by one
 * person.
 */
import { coarsenDemographics, HIDDEN, DEMOGRAPHIC_KEYS, type Demographics, type DemographicKey } from "./anonymise";

export interface Commenter extends Demographics {
  id: string;
}

/** The ids of the commenters whose coarsened demographics lie wholly inside `filter` (column → allowed values). */
export function listableCommenters(
  commenters: readonly Commenter[],
  filter: Partial<Record<DemographicKey, readonly string[]>>,
  minBase: number,
): Set<string> {
  const coarse = coarsenDemographics(commenters, minBase);
  const out = new Set<string>();
  commenters.forEach((c, i) => {
    const shown = coarse[i]!;
    const inside = DEMOGRAPHIC_KEYS.every((k) => {
      const allowed = filter[k];
      if (!allowed) return true;
      const v = shown[k];
      return v !== null && v !== HIDDEN && allowed.includes(v);
    });
    if (inside) out.add(c.id);
  });
  return out;
}

/**
 * Reading a weekly report from the plain HTML form (docs/domain/est.md): per category a count (`antal_<key>`, empty
 * is none) or a level (`niva_<key>`, 0–3), an optional place (`plats_<key>`) and note (`notering_<key>`), and a note
 * for the whole report (`notering`). Everything is checked before anything is stored; each problem names its field.
 */
import type { MessageKey } from "~/i18n/i18n";
import { MAX_COUNT, type EstCategory } from "./categories";

export const MAX_PLACE = 120;
export const MAX_ITEM_NOTE = 500;
export const MAX_NOTE = 1000;

export interface ReportItemInput {
  category: string;
  count: number | null;
  level: number | null;
  place: string | null;
  note: string | null;
}

export interface ReportInput {
  items: ReportItemInput[];
  note: string | null;
  /** True when nothing was observed: no item, and said so. */
  nothingToReport: boolean;
}

export interface ReportProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

const text = (v: string | undefined) => {
  const s = (v ?? "").trim();
  return s === "" ? null : s;
};

/** The report a form describes, or the problems with it. `nothing` is the one-tap "nothing to report". */
export function readReport(
  fields: Readonly<Record<string, string>>,
  categories: readonly EstCategory[],
  { nothing = false }: { nothing?: boolean } = {},
): { report: ReportInput; problems: [] } | { report: null; problems: ReportProblem[] } {
  const problems: ReportProblem[] = [];
  const note = text(fields.notering);
  if (note && note.length > MAX_NOTE)
    problems.push({ field: "notering", key: "est.err.note", params: { max: MAX_NOTE } });
  if (nothing)
    return problems.length
      ? { report: null, problems }
      : { report: { items: [], note, nothingToReport: true }, problems: [] };

  const items: ReportItemInput[] = [];
  for (const c of categories) {
    const place = text(fields[`plats_${c.key}`]);
    const itemNote = text(fields[`notering_${c.key}`]);
    let count: number | null = null;
    let level: number | null = null;
    if (c.measure === "count") {
      const raw = (fields[`antal_${c.key}`] ?? "").trim();
      if (raw !== "" && !/^\d{1,3}$/.test(raw))
        problems.push({
          field: `antal_${c.key}`,
          key: "est.err.count",
          params: { category: c.label.sv, max: MAX_COUNT },
        });
      else if (raw !== "" && Number(raw) > 0) count = Number(raw);
    } else {
      const raw = (fields[`niva_${c.key}`] ?? "").trim();
      if (raw !== "" && !/^[0-3]$/.test(raw))
        problems.push({ field: `niva_${c.key}`, key: "est.err.level", params: { category: c.label.sv } });
      else if (raw !== "" && Number(raw) > 0) level = Number(raw);
    }
    if (place && place.length > MAX_PLACE)
      problems.push({
        field: `plats_${c.key}`,
        key: "est.err.place",
        params: { category: c.label.sv, max: MAX_PLACE },
      });
    if (itemNote && itemNote.length > MAX_ITEM_NOTE)
      problems.push({
        field: `notering_${c.key}`,
        key: "est.err.itemNote",
        params: { category: c.label.sv, max: MAX_ITEM_NOTE },
      });
    const observed = count !== null || level !== null;
    if (!observed && (place || itemNote))
      problems.push({
        field: c.measure === "count" ? `antal_${c.key}` : `niva_${c.key}`,
        key: "est.err.detailWithout",
        params: { category: c.label.sv },
      });
    if (observed) items.push({ category: c.key, count, level, place, note: itemNote });
  }
  if (problems.length) return { report: null, problems };
  return { report: { items, note, nothingToReport: items.length === 0 }, problems: [] };
}

/** A report's items as a short line: "Klotter 3 (Torget), Nedskräpning: en del". */
export function itemsSummary(
  items: readonly { category: string; count: number | null; level: number | null; place?: string | null }[],
  categories: readonly EstCategory[],
  labelOf: (c: EstCategory) => string,
  levelName: (level: number) => string,
): string {
  return items
    .map((i) => {
      const c = categories.find((x) => x.key === i.category);
      const name = c ? labelOf(c) : i.category;
      const figure = i.count !== null ? `${name} ${i.count}` : `${name}: ${levelName(i.level ?? 0)}`;
      return i.place ? `${figure} (${i.place})` : figure;
    })
    .join(", ");
}

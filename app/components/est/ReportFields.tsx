/**
 * The checklist of a weekly report as plain form fields (docs/domain/est.md, "The weekly report"): a number field
 * per count category, radio buttons per level category, and under each a collapsible place and comment (a
 * `details` element: no JavaScript needed). Large tap targets come from the `est-*` classes in the stylesheet. The
 * browser's own limits (number range, lengths) catch most slips before sending, so that a page without JavaScript
 * rarely comes back with an error; the server checks everything again.
 */
import type { EstCategory } from "~/features/est/index";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

export interface ReportValues {
  /** A count as stored, or as typed when the form comes back with an error (shown as it was sent). */
  items: {
    category: string;
    count: number | string | null;
    level: number | null;
    place: string | null;
    note: string | null;
  }[];
  note: string | null;
}

/** A report's values as the form sent them (after a 422), in the shape the fields show. */
export function sentValues(categories: readonly EstCategory[], sent: Record<string, string>): ReportValues {
  const num = (v: string | undefined) =>
    v === undefined || v.trim() === "" || !/^\d+$/.test(v.trim()) ? null : Number(v);
  const text = (v: string | undefined) => (v ? v : null);
  return {
    items: categories.map((c) => ({
      category: c.key,
      count: c.measure === "count" ? text(sent[`antal_${c.key}`]) : null,
      level: c.measure === "count" ? null : num(sent[`niva_${c.key}`]),
      place: text(sent[`plats_${c.key}`]),
      note: text(sent[`notering_${c.key}`]),
    })),
    note: text(sent.notering),
  };
}

export function ReportFields({
  categories,
  values,
  errors = [],
}: {
  categories: readonly EstCategory[];
  values: ReportValues | null;
  errors?: readonly { field: string; message: string }[];
}) {
  const t = useT();
  const label = (c: EstCategory) => (t.locale === "en" ? c.label.en : c.label.sv);
  const item = (key: string) => values?.items.find((i) => i.category === key);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <>
      {categories.map((c) => {
        const v = item(c.key);
        const field = c.measure === "count" ? `antal_${c.key}` : `niva_${c.key}`;
        const err = errorOf(field);
        return (
          <fieldset key={c.key} className="est-category">
            <legend>{label(c)}</legend>
            {c.measure === "count" ? (
              <>
                <label htmlFor={field}>{t("est.report.count")}</label>
                <input
                  id={field}
                  name={field}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={999}
                  defaultValue={v?.count ?? ""}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? `${field}-error` : undefined}
                  className="est-count"
                />
              </>
            ) : (
              <div className="est-levels" role="radiogroup" aria-label={t("est.report.level")} id={field}>
                {[0, 1, 2, 3].map((l) => (
                  <label key={l} className="est-level">
                    <input type="radio" name={field} value={l} defaultChecked={(v?.level ?? 0) === l} />
                    {t(`est.report.level.${l}` as MessageKey)}
                  </label>
                ))}
              </div>
            )}
            {err ? (
              <p className="field-error" id={`${field}-error`}>
                {err}
              </p>
            ) : null}
            <details open={!!(v?.place || v?.note || errorOf(`plats_${c.key}`) || errorOf(`notering_${c.key}`))}>
              <summary>{t("est.report.details")}</summary>
              <label htmlFor={`plats_${c.key}`}>{t("est.report.place")}</label>
              <input id={`plats_${c.key}`} name={`plats_${c.key}`} maxLength={120} defaultValue={v?.place ?? ""} />
              {errorOf(`plats_${c.key}`) ? <p className="field-error">{errorOf(`plats_${c.key}`)}</p> : null}
              <label htmlFor={`notering_${c.key}`}>{t("est.report.itemNote")}</label>
              <textarea
                id={`notering_${c.key}`}
                name={`notering_${c.key}`}
                rows={2}
                maxLength={500}
                defaultValue={v?.note ?? ""}
              />
              {errorOf(`notering_${c.key}`) ? <p className="field-error">{errorOf(`notering_${c.key}`)}</p> : null}
            </details>
          </fieldset>
        );
      })}
      <label htmlFor="notering">{t("est.report.note")}</label>
      <textarea id="notering" name="notering" rows={3} maxLength={1000} defaultValue={values?.note ?? ""} />
      {errorOf("notering") ? <p className="field-error">{errorOf("notering")}</p> : null}
    </>
  );
}

/** "30 nov–6 dec" style day labels of a week's Monday and Sunday. */
export function dayLabel(day: string, locale: string) {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

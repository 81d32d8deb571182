import { Form, Link } from "@remix-run/react";
import type { FilterChoice } from "~/features/results/index.server";
import { filterQuery, type FilterParams } from "~/features/results/index";
import { useT } from "~/i18n/use-t";

const CHANNELS = ["web", "paper", "phone", "import", "invitation"] as const;
const LABEL_KEYS = { area: "results.area", age_band: "results.age", gender: "results.gender" } as const;

/**
 * The problembild's filters as a GET form (they live in the URL, so a view can be shared): area, age band, gender,
 * channel and date range. `hidden` carries the view's own parameters (e.g. the breakdown's dimensions).
 */
export function FilterForm({
  choices,
  filters,
  hidden = {},
  dates = true,
}: {
  choices: readonly FilterChoice[];
  filters: FilterParams;
  hidden?: Record<string, string | readonly string[]>;
  /** Whether the date range applies to the view (the comparison uses it for the current wave only). */
  dates?: boolean;
}) {
  const t = useT();
  return (
    <Form method="get" className="filters no-print" aria-label={t("results.filters")}>
      {Object.entries(hidden).flatMap(([name, v]) =>
        (typeof v === "string" ? [v] : v).map((x, i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={x} />
        )),
      )}
      {choices.map((c) => {
        const current = filters.where.find((w) => w.startsWith(`${c.question}:`)) ?? "";
        return (
          <div className="stack" key={c.column}>
            <label htmlFor={`f-${c.question}`}>{t(LABEL_KEYS[c.column])}</label>
            <select id={`f-${c.question}`} name="where" defaultValue={current}>
              <option value="">{t("results.all")}</option>
              {c.options.map((o) => (
                <option key={o.value} value={`${c.question}:${o.value}`}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <div className="stack">
        <label htmlFor="f-channel">{t("results.channel")}</label>
        <select id="f-channel" name="channel" defaultValue={filters.channel[0] ?? ""}>
          <option value="">{t("results.all")}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`analysis.channel.${c}`)}
            </option>
          ))}
        </select>
      </div>
      {dates ? (
        <>
          <div className="stack">
            <label htmlFor="f-from">{t("results.from")}</label>
            <input id="f-from" name="from" type="date" defaultValue={filters.from ?? ""} />
          </div>
          <div className="stack">
            <label htmlFor="f-to">{t("results.to")}</label>
            <input id="f-to" name="to" type="date" defaultValue={filters.to ?? ""} />
          </div>
        </>
      ) : null}
      <div className="filter-actions">
        <button type="submit">{t("results.apply")}</button>
        {/* Clearing the filters keeps the view's own parameters (e.g. the breakdown's dimensions). */}
        <Link to={filterQuery({ where: [], from: null, to: null, channel: [] }, hidden) || "?"}>
          {t("results.reset")}
        </Link>
      </div>
    </Form>
  );
}

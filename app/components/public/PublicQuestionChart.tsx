import { aboutShare, formatPercent, questionSentence, type AboutPhrase } from "~/features/results/index";
import type { PublicQuestion } from "~/features/results/index.server";
import { useT } from "~/i18n/use-t";
import { RankedBars } from "~/components/charts/RankedBars";
import { useChartLabels } from "~/components/charts/labels";
import type { ShareItem } from "~/components/charts/types";

/**
 * One public results question (docs/domain/feedback-to-citizens.md): a server-rendered bar chart of its protected
 * shares with a plain-language sentence and a table alternative, and how many answered. Small groups read "För få
 * svar för att visa", with no count and no minimum.
 */
export function PublicQuestionChart({
  question: q,
  minBase,
  fileName,
}: {
  question: Pick<PublicQuestion, "name" | "title" | "answered" | "options" | "indicator">;
  minBase: number;
  fileName: string;
}) {
  const t = useT();
  const baseLabels = useChartLabels({ minBase });
  const labels = {
    ...baseLabels,
    suppressed: t("public.suppressed"),
    suppressedComplement: t("public.suppressed"),
    suppressedLegend: t("public.suppressedLegend"),
    suppressedTooltip: (item: string) => `${item}: ${t("public.suppressed")}`,
  };
  const pct = (p: number) => formatPercent(p, t.locale);
  const about = (a: AboutPhrase) => (a.key === "public.about.tenths" ? t(a.key, { k: a.k }) : t(a.key));
  const capital = (s: string) => s.charAt(0).toLocaleUpperCase(t.locale) + s.slice(1);
  const s = questionSentence(q);
  const summary =
    s.key === "public.sentence.hidden"
      ? t(s.key)
      : s.key === "public.sentence.top"
        ? t(s.key, { option: s.option, about: about(aboutShare(s.share)), pct: pct(s.share) })
        : capital(t(s.key, { item: q.title, about: about(aboutShare(s.share)), pct: pct(s.share) }));
  const items: ShareItem[] = q.options.map((o) => ({
    key: o.value,
    label: o.label,
    share: o.share,
    ciLow: o.ci_low,
    ciHigh: o.ci_high,
    suppressed: o.suppressed || o.share === null,
  }));
  return (
    <div className="public-question" data-question={q.name}>
      <RankedBars
        title={q.title}
        summary={summary}
        items={items}
        labels={labels}
        locale={t.locale}
        itemHeader={t("public.itemHeader")}
        max={1}
        fileName={fileName}
      />
      {q.answered !== null ? (
        <p className="hint">{t("public.answered", { n: new Intl.NumberFormat(t.locale).format(q.answered) })}</p>
      ) : null}
    </div>
  );
}

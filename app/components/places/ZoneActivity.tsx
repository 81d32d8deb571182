/**
 * "What happens in the areas" (docs/domain/places.md): per zone, the meetings and walks, promises and measures
 * linked to it, as counts and links. Zone-level only: names and counts, never a point.
 */
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

export interface ZoneActivityView {
  zone: { id: number; code: string; name: string; demo: boolean };
  meetings: {
    meetingId: number;
    kind: string;
    heldOn: string;
    held: boolean;
    findings: number;
    openFindings: number;
  }[];
  promises: {
    promiseId: number;
    documentId: number;
    documentTitle: string;
    status: string;
    version: number;
    text: string;
  }[];
  measures: { measureId: number; planId: number; planTitle: string; title: string; status: string }[];
}

const short = (s: string, max = 140) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function ZoneActivity({ kommunSlug, zones }: { kommunSlug: string; zones: readonly ZoneActivityView[] }) {
  const t = useT();
  const base = `/app/${kommunSlug}`;
  const any = zones.some((z) => z.meetings.length || z.promises.length || z.measures.length);
  return (
    <section aria-labelledby="zone-activity">
      <h2 id="zone-activity">{t("places.activity.title")}</h2>
      <p>{t("places.activity.intro")}</p>
      {!any ? <p>{t("places.activity.none")}</p> : null}
      {zones.map(({ zone, meetings, promises, measures }) => {
        const findings = meetings.reduce((s, m) => s + m.findings, 0);
        const open = meetings.reduce((s, m) => s + m.openFindings, 0);
        const empty = !meetings.length && !promises.length && !measures.length;
        return (
          <section key={zone.id} className="zone-activity" aria-labelledby={`zone-${zone.id}`}>
            <h3 id={`zone-${zone.id}`}>{zone.demo ? `${zone.name} (${t("places.demoMark")})` : zone.name}</h3>
            {empty ? (
              <p className="muted">{t("places.activity.nothing")}</p>
            ) : (
              <>
                <p>
                  {t("places.activity.summary", {
                    zone: zone.name,
                    meetings: t.plural("places.activity.meetings", meetings.length),
                    promises: t.plural("places.activity.promises", promises.length),
                    measures: t.plural("places.activity.measures", measures.length),
                  })}
                  {findings ? ` ${t.plural("places.activity.findings", findings, { open })}.` : null}
                </p>
                <ul>
                  {meetings.map((m) => (
                    <li key={`m${m.meetingId}`}>
                      <Link to={`${base}/moten/${m.meetingId}`}>
                        {t(`dialog.meet.kind.${m.kind}` as MessageKey)} {m.heldOn}
                      </Link>
                      {m.held ? null : ` ${t("places.activity.viaFinding")}`}
                    </li>
                  ))}
                  {promises.map((p) => (
                    <li key={`p${p.promiseId}`}>
                      <Link to={`${base}/loften/${p.documentId}#promise-${p.promiseId}`}>{short(p.text)}</Link> (
                      {p.documentTitle}, {t("promises.version", { version: p.version })},{" "}
                      {t(`loften.status.${p.status}` as MessageKey)})
                    </li>
                  ))}
                  {measures.map((m) => (
                    <li key={`a${m.measureId}`}>
                      <Link to={`${base}/atgardsplan/${m.planId}#m-${m.measureId}`}>
                        {m.planTitle}: {m.title}
                      </Link>{" "}
                      ({t(`plans.measureStatus.${m.status}` as MessageKey)})
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        );
      })}
    </section>
  );
}

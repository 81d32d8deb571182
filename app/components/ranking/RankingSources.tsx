import { Link } from "@remix-run/react";
import type { RankingSources } from "~/features/results/index.server";
import { useT } from "~/i18n/use-t";

/** What the ranking rests on: the surveys, meetings, coded comments and EST reports behind it, each with its size. */
export function RankingSources({ sources, kommunSlug }: { sources: RankingSources | undefined; kommunSlug: string }) {
  const t = useT();
  if (!sources) return null;
  const { citizen, staff, meetings, freetext, est } = sources;
  return (
    <ul>
      <li>
        {citizen
          ? citizen.respondents !== null
            ? t("ranking.src.citizen", {
                title: citizen.title,
                period: citizen.period,
                n: citizen.respondents,
              })
            : t("ranking.src.citizenSuppressed", {
                title: citizen.title,
                period: citizen.period,
              })
          : t("ranking.src.noCitizen")}
      </li>
      <li>
        {staff
          ? staff.respondents !== null
            ? t("ranking.src.staff", {
                title: staff.title,
                period: staff.period,
                n: staff.respondents,
              })
            : t("ranking.src.staffSuppressed", {
                title: staff.title,
                period: staff.period,
              })
          : t("ranking.src.noStaff")}
      </li>
      <li>{meetings ? t("ranking.src.meetings", { n: meetings.meetings }) : t("ranking.src.noMeetings")}</li>
      {citizen && freetext ? (
        <li>
          {freetext.suppressed
            ? t("ranking.src.freetextFew", {
                n: freetext.coded,
                min: freetext.minBase,
              })
            : t("ranking.src.freetext", { n: freetext.coded })}{" "}
          <Link to={`/app/${kommunSlug}/enkater/${citizen.surveySlug}/fritext`}>{t("ranking.src.codeLink")}</Link>
        </li>
      ) : null}
      <li>
        {est ? (
          <>
            {est.tooFew
              ? t("ranking.src.estFew", {
                  from: est.fromWeek,
                  to: est.toWeek,
                  areaWeeks: est.areaWeeks,
                  min: est.minAreaWeeks,
                })
              : t("ranking.src.est", {
                  from: est.fromWeek,
                  to: est.toWeek,
                  reports: est.reports,
                  areaWeeks: est.areaWeeks,
                  zones: est.zones,
                })}
            {est.pending ? ` ${t("ranking.src.estPending", { n: est.pending })}` : ""}
            {est.demo ? ` ${t("ranking.src.estDemo")}` : ""} <Link to={est.link}>{t("ranking.src.estLink")}</Link>
          </>
        ) : (
          t("ranking.src.noEst")
        )}
      </li>
    </ul>
  );
}

import { Link } from "@remix-run/react";
import type { RankingSources } from "~/features/results/index.server";
import { useT } from "~/i18n/use-t";

/** What the ranking rests on: the surveys, meetings and coded comments behind it, each with its size. */
export function RankingSources({ sources, kommunSlug }: { sources: RankingSources | undefined; kommunSlug: string }) {
  const t = useT();
  if (!sources) return null;
  const { citizen, staff, meetings, freetext } = sources;
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
    </ul>
  );
}

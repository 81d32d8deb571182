import { Link } from "@remix-run/react";
import { FieldErrors } from "~/components/FieldErrors";
import { useT } from "~/i18n/use-t";

/** What an analysis page's loader returns for filters or parameters that do not fit the survey (422). */
export type InvalidData = { message: string; errors: { field: string; message: string }[] };

/** The page for a URL with bad filters: what is wrong, per parameter, and a way back to the unfiltered view. */
export function InvalidFilters({ data }: { data: InvalidData }) {
  const t = useT();
  return (
    <section>
      <h1>{t("analysis.invalid.title")}</h1>
      <FieldErrors errors={data.errors} />
      <p>
        <Link to="?">{t("analysis.invalid.reset")}</Link>
      </p>
    </section>
  );
}

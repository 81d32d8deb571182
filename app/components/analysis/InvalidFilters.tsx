import { Link } from "@remix-run/react";
import { FieldErrors } from "~/components/FieldErrors";
import { useT } from "~/i18n/use-t";
import type { InvalidData } from "~/platform/http.server";

/** A page's data once its input is valid: the members of pageInput's union without field errors. */
export type Valid<T> = Extract<T, { errors?: undefined }>;

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

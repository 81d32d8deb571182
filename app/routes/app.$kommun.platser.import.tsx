import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { importZones, MAX_GEOJSON_BYTES, readGeoJsonUpload } from "~/features/places/index.server";
import { SIMPLIFY_TOLERANCE_M, ZONE_KINDS } from "~/features/places/index";
import { assertCsrf, requireKommun } from "~/features/accounts/index.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import { page, pageInput } from "~/platform/http.server";
import { localeFromRequest, UI_LOCALES } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.zonesImport");

/** Problems shown on the page at most (the count says how many there are). */
const SHOWN_PROBLEMS = 200;

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun } = await requireKommun(request, { slug: params.kommun, permission: "zone:import" });
    return { kommun, maxMb: MAX_GEOJSON_BYTES / 1048576, tolerance: SIMPLIFY_TOLERANCE_M };
  });

const schema = z.object({ intent: z.enum(["check", "import"]), kind: z.enum(ZONE_KINDS) });

/** Checks the posted GeoJSON file, or imports it: all zones or none (422 with a problem per feature). */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    // Who may import is settled before a body of up to 10 MB is read; its CSRF token is checked right after.
    const { user, kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      permission: "zone:import",
      form: "later",
    });
    const { form, text, fileName } = await readGeoJsonUpload(request);
    if (user.via === "session") assertCsrf(request, form);
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const bad = parsed.error.issues.map((i) => String(i.path[0]));
      throw new Invalid(
        bad.map((f) => (f === "kind" ? fieldError("kind", "places.err.kind") : fieldError(f, "problem.invalid"))),
      );
    }
    if (text === null) throw new Invalid([fieldError("file", "places.err.noFile")]);
    const l = localeFromRequest(request);
    const result = await importZones({
      db,
      kommunId: kommun.id,
      text,
      kind: parsed.data.kind,
      store: parsed.data.intent === "import",
      locale: UI_LOCALES.includes(l) ? l : "sv",
    });
    const answer = {
      kind: parsed.data.intent,
      fileName,
      ...result,
      problems: result.problems.slice(0, SHOWN_PROBLEMS),
      problemCount: result.problems.length,
      rejectedFeatures: new Set(result.problems.map((p) => p.feature)).size,
    };
    // A file with problems is bad input: nothing is stored, and the answer says so by its status too.
    return result.problems.length ? data(answer, { status: 422 }) : answer;
  });

export default function ZoneImport() {
  const t = useT();
  const { kommun, maxMb, tolerance } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/app/${kommun.slug}/platser`;
  const answer = result && "featureCount" in result && result.featureCount !== undefined ? result : null;
  const n = (x: number) => x.toLocaleString(t.locale === "en" ? "en-GB" : "sv-SE");

  return (
    <section>
      <p className="kicker">
        <Link to={base}>{t("places.import.back")}</Link>
      </p>
      <h1>{t("places.import.title")}</h1>
      <p className="lead">{t("places.import.intro")}</p>
      <p className="notice">{t("places.import.replace")}</p>
      <p>{t("places.import.simplify", { meters: tolerance })}</p>
      <p>{t("places.import.sweref")}</p>

      {answer && !answer.problemCount && answer.kind === "check" ? (
        <p role="status" className="notice">
          {t("places.import.checked", {
            file: answer.fileName,
            n: n(answer.featureCount),
            added: n(answer.added),
            replaced: n(answer.replaced),
          })}
        </p>
      ) : null}
      {answer?.stored ? (
        <p role="status" className="notice ok">
          {t("places.import.done", { added: n(answer.added), replaced: n(answer.replaced) })}
        </p>
      ) : null}
      {answer && !answer.problemCount && answer.points ? (
        <p>{t("places.import.points", { before: n(answer.points.before), after: n(answer.points.after) })}</p>
      ) : null}
      {answer && answer.problemCount ? (
        <p role="alert">
          {t("places.import.rejected", {
            n: n(answer.problemCount),
            features: n(answer.rejectedFeatures ?? 0),
            total: n(answer.featureCount),
          })}
        </p>
      ) : null}
      {result?.errors ? <FieldErrors errors={result.errors} /> : null}

      <Form method="post" encType="multipart/form-data" className="stack" reloadDocument>
        <CsrfField />
        <label htmlFor="file">{t("places.import.file", { maxMb })}</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          required
        />
        <label htmlFor="kind">{t("places.import.kind")}</label>
        <select id="kind" name="kind" defaultValue="own">
          {ZONE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`places.kind.${k}`)}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="check">
          {t("places.import.check")}
        </button>
        <button type="submit" name="intent" value="import">
          {t("places.import.submit")}
        </button>
      </Form>

      {answer && answer.problemCount ? (
        <>
          <h2>{t("places.import.problemsTitle")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("places.import.col.feature")}
                  </th>
                  <th scope="col">{t("places.import.col.code")}</th>
                  <th scope="col">{t("places.import.col.field")}</th>
                  <th scope="col">{t("places.import.col.message")}</th>
                </tr>
              </thead>
              <tbody>
                {answer.problems?.map((p, i) => (
                  <tr key={i}>
                    <td className="num">{p.feature}</td>
                    <td>{p.code}</td>
                    <td>{t(`places.field.${p.field}`)}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listZones } from "~/features/places/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { ZoneMap } from "~/components/places/ZoneMap";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta: MetaFunction = () => [{ title: "Platser – Trygghetsdialog" }];

/** The kommun's zones: the map (server-rendered SVG) and the same zones as a table. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, permissions } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const zones = await listZones({ db, kommunId: kommun.id });
    return {
      kommun,
      zones: zones.map(({ code, name, kind, demo, geometry }) => ({ code, name, kind, demo, geometry })),
      canImport: permissions.permissions.includes("zone:import"),
    };
  });

export default function Places() {
  const t = useT();
  const { kommun, zones, canImport } = useLoaderData<typeof loader>();
  return (
    <section>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link>
      </p>
      <h1>{t("places.title")}</h1>
      <p className="lead">{t("places.intro")}</p>
      {zones.some((z) => z.demo) ? (
        <div className="notice demo-banner" role="note">
          <p>
            <strong>{t("places.demoBanner")}</strong>
          </p>
          <p>{t("places.demoBannerText")}</p>
        </div>
      ) : null}
      {canImport ? (
        <p>
          <Link to={`/app/${kommun.slug}/platser/import`}>{t("places.importLink")}</Link>
        </p>
      ) : null}
      {zones.length === 0 ? (
        <p>{t("places.empty")}</p>
      ) : (
        <>
          <ZoneMap zones={zones} title={t("places.map.title")} />
          <p className="muted">{t("places.map.projection")}</p>
        </>
      )}
    </section>
  );
}

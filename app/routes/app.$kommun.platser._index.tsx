import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listZones } from "~/features/places/index.server";
import { meetingsByZone } from "~/features/dialogue/index.server";
import { promisesByZone } from "~/features/promises/index.server";
import { measuresByZone } from "~/features/plans/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { page } from "~/platform/http.server";
import { useT } from "~/i18n/use-t";
import { ZoneMap } from "~/components/places/ZoneMap";
import { ZoneActivity, type ZoneActivityView } from "~/components/places/ZoneActivity";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.places");

/**
 * The kommun's zones: the map (server-rendered SVG) and the same zones as a table, and per zone what happens there
 * (meetings and walks, promises, measures: counts and links, zone-level only).
 */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, permissions } = await requireKommun(request, { slug: params.kommun, role: "viewer" });
    const zones = await listZones({ db, kommunId: kommun.id });
    const scope = { db, kommunId: kommun.id };
    const [meetings, promises, measures] = await Promise.all([
      meetingsByZone(scope),
      promisesByZone(scope),
      measuresByZone(scope),
    ]);
    const activity: ZoneActivityView[] = zones.map((z) => ({
      zone: { id: z.id, code: z.code, name: z.name, demo: z.demo },
      meetings: meetings.filter((m) => m.zoneId === z.id),
      promises: promises.filter((p) => p.zoneId === z.id),
      measures: measures.filter((m) => m.zoneId === z.id),
    }));
    return {
      kommun,
      zones: zones.map(({ code, name, kind, demo, geometry }) => ({ code, name, kind, demo, geometry })),
      activity,
      canImport: permissions.permissions.includes("zone:import"),
    };
  });

export default function Places() {
  const t = useT();
  const { kommun, zones, activity, canImport } = useLoaderData<typeof loader>();
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
          <ZoneMap
            zones={zones}
            title={t("places.map.title")}
            counts={Object.fromEntries(
              activity.map((a) => [a.zone.code, a.meetings.length + a.promises.length + a.measures.length]),
            )}
          />
          <p className="muted">{t("places.map.projection")}</p>
          <ZoneActivity kommunSlug={kommun.slug} zones={activity} />
        </>
      )}
    </section>
  );
}

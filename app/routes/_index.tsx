import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listKommuner } from "~/models/organisation.server";
import { getDb } from "~/utils/db.server";
import { page } from "~/utils/http.server";
import { useT } from "~/utils/use-t";

export const meta: MetaFunction = () => [
  { title: "Trygghetsdialog" },
  { name: "description", content: "Trygghetsenkäter och medborgarlöften från polisen och kommunen." },
];

export const loader = /* @__PURE__ */ page(async (_args: LoaderFunctionArgs) => {
  const db = await getDb();
  const kommuner = await listKommuner({ db });
  return Response.json({ kommuner });
});

export default function Index() {
  const t = useT();
  const { kommuner } = useLoaderData<{ kommuner: { id: number; slug: string; name: string }[] }>();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <section aria-labelledby="open-surveys">
        <h2 id="open-surveys">{t("home.openSurveys")}</h2>
        <p>{t("home.noOpenSurveys")}</p>
      </section>
      <section aria-labelledby="promises">
        <h2 id="promises">{t("home.promises")}</h2>
        <ul className="cards">
          {kommuner.map((k) => (
            <li key={k.id} className="card">
              {k.name}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

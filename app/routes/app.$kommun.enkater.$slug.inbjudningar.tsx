import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  createInvitations,
  createInvitationsFromAddresses,
  invitationUrl,
  revokeInvitation,
  unitOptions,
} from "~/features/surveys/index.server";
import { invitationStats } from "~/features/results/index.server";
import { getSurvey } from "~/features/surveys/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { Conflict, Invalid, NotFound, fieldError } from "~/platform/errors.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { localeFromRequest } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { pageTitle } from "~/platform/page-meta";
import { parseInput } from "~/platform/parse.server";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const meta = pageTitle("title.invitations");

// Invitation links for a staff survey: analysts and admins of the kommun only.
async function load(request: Request, params: { kommun?: string; slug?: string }, form: FormData | null = null) {
  const ctx = await requireKommun(request, { slug: params.kommun, role: "analyst", form });
  const survey = await getSurvey({ db: ctx.db, slug: params.slug ?? "" });
  if (survey.kommun_id !== ctx.kommun.id || survey.kind !== "medarbetardialog")
    throw new NotFound("problem.staffDialogueNotFound");
  return { ...ctx, survey };
}

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, survey, db } = await load(request, params);
    return {
      kommun: { slug: kommun.slug, name: kommun.name },
      survey: { slug: survey.slug, title: survey.title, status: survey.effectiveStatus },
      units: unitOptions(survey.definition, localeFromRequest(request)),
      stats: await invitationStats({ db, surveyId: survey.id, minBase: survey.settings.minBase }),
    };
  });

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("counts") }),
  z.object({ intent: z.literal("addresses"), unit: z.string().min(1), addresses: z.string().max(200_000) }),
  z.object({ intent: z.literal("revoke"), link: z.string().max(500), confirm: z.literal("yes").optional() }),
]);

/** The links just made, for the page to show once: by unit, and by address when they were made for addresses. */
const linksOf = (made: { unit: string; token: string; address?: string }[]) =>
  made.map((m) => ({ unit: m.unit, address: m.address, url: invitationUrl(m.token) }));

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { survey, db } = await load(request, params, form);
    const parsed = parseInput(schema, Object.fromEntries(form));
    const input = parsed;
    // A closed survey takes no answers: links made now would only open "Enkäten är stängd".
    if (input.intent !== "revoke" && survey.effectiveStatus === "closed")
      throw new Conflict("problem.staffDialogueClosed");
    // Revoking cannot be undone: the form asks for an explicit tick (works without JavaScript).
    if (input.intent === "revoke" && input.confirm !== "yes")
      throw new Invalid([fieldError("revoke-confirm", "problem.revokeConfirm")]);
    if (input.intent === "counts") {
      const perUnit: Record<string, number> = {};
      for (const [k, v] of form) if (k.startsWith("count-") && String(v).trim() !== "") perUnit[k.slice(6)] = Number(v);
      const made = await createInvitations({ db, surveyId: survey.id, perUnit });
      return { done: "links", links: linksOf(made) };
    }
    if (input.intent === "addresses") {
      const made = await createInvitationsFromAddresses({
        db,
        surveyId: survey.id,
        unit: input.unit,
        addresses: input.addresses,
      });
      return { done: "links", links: linksOf(made) };
    }
    const r = await revokeInvitation({ db, surveyId: survey.id, link: input.link });
    return { done: r.revoked ? "revoked" : "revokeUsed" };
  });

type Count = { n: number | null; suppressed: boolean };

export default function Invitations() {
  const t = useT();
  const { kommun, survey, units, stats } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const unitText = (v: string) => units.find((u) => u.value === v)?.text ?? v;
  const used = (c: Count) => (c.n === null ? t("dialog.inv.fewerThan5") : String(c.n));
  const pct = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)} %`);
  return (
    <section>
      <p className="kicker no-print">
        <Link to={`/app/${kommun.slug}/enkater/${survey.slug}`}>{survey.title}</Link>
      </p>
      <h1>{t("dialog.inv.title")}</h1>
      <p className="no-print">{t("dialog.inv.intro")}</p>
      {survey.status === "closed" ? (
        <p className="notice" role="status">
          {t("dialog.inv.closed")}
        </p>
      ) : survey.status !== "open" ? (
        <p className="notice">{t("dialog.inv.notOpenYet")}</p>
      ) : null}
      <FieldErrors errors={result?.errors} />
      {result?.done === "revoked" ? <p role="status">{t("dialog.inv.revoked")}</p> : null}
      {result?.done === "revokeUsed" ? <p role="status">{t("dialog.inv.revokeUsed")}</p> : null}

      {result?.links ? (
        <div role="status" className="print-only-block">
          <h2>{t.plural("dialog.inv.linksTitle", result.links.length)}</h2>
          <p className="notice no-print">{t("dialog.inv.linksOnce")}</p>
          <button type="button" className="no-print" onClick={() => window.print()}>
            {t("dialog.inv.print")}
          </button>
          <table data-testid="links">
            <caption>{t("dialog.inv.linksCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dialog.inv.unit")}</th>
                {result.links.some((l) => l.address) ? <th scope="col">{t("dialog.inv.address")}</th> : null}
                <th scope="col">{t("dialog.inv.link")}</th>
              </tr>
            </thead>
            <tbody>
              {result.links.map((l) => (
                <tr key={l.url}>
                  <td>{unitText(l.unit)}</td>
                  {l.address ? <td>{l.address}</td> : null}
                  <td>
                    <code>{l.url}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <div className="no-print">
        <h2>{t("dialog.inv.stats")}</h2>
        <table>
          <caption>{t("dialog.inv.statsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dialog.inv.unit")}</th>
              <th scope="col" className="num">
                {t("dialog.inv.invited")}
              </th>
              <th scope="col" className="num">
                {t("dialog.inv.used")}
              </th>
              <th scope="col" className="num">
                {t("dialog.inv.rate")}
              </th>
              <th scope="col" className="num">
                {t("dialog.inv.revokedCount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.units.map((u) => (
              <tr key={u.unit}>
                <th scope="row">{unitText(u.unit)}</th>
                <td className="num">{u.invited}</td>
                <td className="num">{used(u.used)}</td>
                <td className="num">{pct(u.rate)}</td>
                <td className="num">{u.revoked}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("dialog.inv.total")}</th>
              <td className="num">{stats.invited}</td>
              <td className="num">{used(stats.used)}</td>
              <td className="num">{pct(stats.rate)}</td>
              <td className="num">{stats.units.reduce((a, u) => a + u.revoked, 0)}</td>
            </tr>
          </tbody>
        </table>
        <p className="hint">{t("dialog.inv.statsHint")}</p>

        {/* A closed survey is not offered new links (they could not be answered); the notice above says why. */}
        {survey.status === "closed" ? null : (
          <>
            <h2>{t("dialog.inv.byCount")}</h2>
            <Form method="post" className="stack narrow">
              <CsrfField />
              <input type="hidden" name="intent" value="counts" />
              {units.map((u) => (
                <div key={u.value}>
                  <label htmlFor={`count-${u.value}`}>{t("dialog.inv.countFor", { unit: u.text })}</label>
                  <input
                    id={`count-${u.value}`}
                    name={`count-${u.value}`}
                    type="number"
                    min={0}
                    max={5000}
                    inputMode="numeric"
                  />
                </div>
              ))}
              <button type="submit">{t("dialog.inv.create")}</button>
            </Form>

            <h2>{t("dialog.inv.byAddress")}</h2>
            <p>{t("dialog.inv.addressIntro")}</p>
            <Form method="post" className="stack narrow">
              <CsrfField />
              <input type="hidden" name="intent" value="addresses" />
              <label htmlFor="unit">{t("dialog.inv.unit")}</label>
              <select id="unit" name="unit">
                {units.map((u) => (
                  <option key={u.value} value={u.value}>
                    {u.text}
                  </option>
                ))}
              </select>
              <label htmlFor="addresses">{t("dialog.inv.addresses")}</label>
              <textarea id="addresses" name="addresses" rows={6} autoComplete="off" />
              <button type="submit">{t("dialog.inv.createForAddresses")}</button>
            </Form>
          </>
        )}

        <h2>{t("dialog.inv.revoke")}</h2>
        <Form method="post" className="stack narrow">
          <CsrfField />
          <input type="hidden" name="intent" value="revoke" />
          <label htmlFor="link">{t("dialog.inv.revokeLink")}</label>
          <input id="link" name="link" autoComplete="off" required />
          <div className="check">
            <input type="checkbox" id="revoke-confirm" name="confirm" value="yes" required />
            <label htmlFor="revoke-confirm">{t("dialog.inv.revokeConfirm")}</label>
          </div>
          <button type="submit">{t("dialog.inv.revokeButton")}</button>
        </Form>
      </div>
    </section>
  );
}

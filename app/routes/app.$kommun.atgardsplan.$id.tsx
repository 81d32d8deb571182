import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  addMeasure,
  addPlanComment,
  deleteMeasure,
  getActionPlan,
  linkPromise,
  parseMeasure,
  promiseChoices,
  recordDecision,
  requirePlans,
  saveMeasure,
  setMeasureStatus,
  setRevisionMonths,
} from "~/features/plans/index.server";
import { MEASURE_STATUSES, OWNER_KINDS } from "~/features/plans/index";
import { zoneChoices } from "~/features/places/index.server";
import { ZoneSelect } from "~/components/places/ZoneSelect";
import { idParam, page, pageInput, readForm } from "~/platform/http.server";
import { Invalid, fieldError } from "~/platform/errors.server";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { FieldErrors } from "~/components/FieldErrors";
import { Comments } from "~/components/plans/Comments";
import { DocumentHead } from "~/components/plans/DocumentHead";
import { DecisionBlock, MeasureView, RollUp, type PlanMeasureView } from "~/components/plans/PlanBody";
import plansCss from "~/styles/plans.css";
import { stylesheets, titleFrom, titleOf } from "~/platform/page-meta";

export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links = stylesheets(plansCss);
export const meta: MetaFunction<typeof loader> = (args) => [
  { title: args.data ? titleOf(args.data.plan.title) : titleFrom(args, "title.atgardsplan") },
];

/** Everyone of the kommun reads the plan, its measures and their follow-up; the kommun's side writes. */
export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db, access } = await requirePlans(request, { slug: params.kommun });
    const planId = idParam(params.id, "plans.error.planNotFound");
    const plan = await getActionPlan({ db, kommunId: kommun.id, planId });
    return {
      kommun,
      canWrite: access.write,
      plan,
      promises: access.write ? await promiseChoices(db, kommun.id) : [],
      // Measures are edited only in a draft plan: the zone choice is needed there alone.
      zones: access.write && plan.status === "utkast" ? await zoneChoices({ db, kommunId: kommun.id }) : [],
    };
  });

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { user, kommun, db } = await requirePlans(request, { slug: params.kommun, write: true, form });
    const planId = idParam(params.id, "plans.error.planNotFound");
    const get = (k: string) => String(form.get(k) ?? "");
    const scope = { db, kommunId: kommun.id, planId };
    const measureId = () => idParam(get("measureId"), "plans.error.measureNotFound");
    const measure = () => parseMeasure(get, (k) => form.getAll(k).map(String));
    switch (get("intent")) {
      case "addMeasure":
        await addMeasure({ ...scope, input: measure() });
        return { done: "added" };
      case "saveMeasure":
        await saveMeasure({ ...scope, measureId: measureId(), input: measure() });
        return { done: "saved" };
      case "deleteMeasure":
        await deleteMeasure({ ...scope, measureId: measureId() });
        return { done: "deleted" };
      case "setStatus":
        await setMeasureStatus({ ...scope, measureId: measureId(), status: get("status") });
        return { done: "saved" };
      case "linkPromise":
      case "unlinkPromise": {
        const promiseId = Number(get("promiseId"));
        if (!Number.isSafeInteger(promiseId) || promiseId <= 0 || promiseId > 2147483647)
          throw new Invalid([fieldError("promiseId", "plans.error.promiseNotFound")]);
        await linkPromise({ ...scope, measureId: measureId(), promiseId, linked: get("intent") === "linkPromise" });
        return { done: "linked" };
      }
      case "decide":
        await recordDecision({ ...scope, input: Object.fromEntries(form) });
        return { done: "decided" };
      case "revisionMonths":
        await setRevisionMonths({ db, kommunId: kommun.id, raw: get("revisionMonths") });
        return { done: "saved" };
      case "comment":
        await addPlanComment({ ...scope, accountId: user.id, section: get("section"), body: get("body") });
        return { done: "commented" };
      default:
        throw new Invalid([fieldError("intent", "problem.invalid")]);
    }
  });

function MeasureFields({
  m,
  problems,
  indicators,
  zones,
  idp,
}: {
  m?: PlanMeasureView;
  problems: readonly { id: number; rank: number; problem: string }[];
  indicators: readonly { id: number; label: string; documentTitle: string }[];
  zones: readonly { id: number; name: string }[];
  idp: string;
}) {
  const t = useT();
  const text = (name: string, label: MessageKey, value: string, area = false) => (
    <div className="stack">
      <label htmlFor={`${name}-${idp}`}>{t(label)}</label>
      {area ? (
        <textarea id={`${name}-${idp}`} name={name} rows={3} defaultValue={value} />
      ) : (
        <input id={`${name}-${idp}`} name={name} defaultValue={value} />
      )}
    </div>
  );
  const q = m?.outputTarget.kind === "quantity" ? m.outputTarget : null;
  return (
    <>
      {text("title", "plans.measures.name", m?.title ?? "")}
      {text("description", "plans.measures.description", m?.description ?? "", true)}
      <label htmlFor={`ownerKind-${idp}`}>{t("plans.measures.ownerKind")}</label>
      <select id={`ownerKind-${idp}`} name="ownerKind" defaultValue={m?.ownerKind ?? "forvaltning"}>
        {OWNER_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`plans.owner.${k}` as MessageKey)}
          </option>
        ))}
      </select>
      {text("ownerName", "plans.measures.ownerName", m?.ownerName ?? "")}
      {text("resources", "plans.measures.resources", m?.resources ?? "", true)}
      <ZoneSelect id={`zoneId-${idp}`} zones={zones} value={m?.zone?.id} />
      {text("startsOn", "plans.measures.startsOn", m?.startsOn ?? "")}
      {text("endsOn", "plans.measures.endsOn", m?.endsOn ?? "")}
      {text("outputText", "plans.measures.outputText", m?.outputText ?? "")}
      {text("quantity", "plans.measures.quantity", q ? String(q.quantity) : "")}
      <label htmlFor={`per-${idp}`}>{t("plans.measures.per")}</label>
      <select id={`per-${idp}`} name="per" defaultValue={q?.per ?? "year"}>
        {(["week", "month", "year", "period"] as const).map((p) => (
          <option key={p} value={p}>
            {t(`plans.per.${p}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor={`status-${idp}`}>{t("plans.measures.status")}</label>
      <select id={`status-${idp}`} name="status" defaultValue={m?.status ?? "planerad"}>
        {MEASURE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`plans.measureStatus.${s}` as MessageKey)}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t("plans.measures.problems")}</legend>
        {problems.map((p) => (
          <label key={p.id} className="check">
            <input type="checkbox" name="problemIds" value={p.id} defaultChecked={m?.problemIds.includes(p.id)} />{" "}
            {p.rank}. {p.problem.split(/[.:]/)[0]}
          </label>
        ))}
      </fieldset>
      {indicators.length ? (
        <fieldset>
          <legend>{t("plans.measures.outcomes")}</legend>
          {indicators.map((i) => (
            <label key={i.id} className="check">
              <input
                type="checkbox"
                name="indicatorIds"
                value={i.id}
                defaultChecked={m?.indicators.some((x) => x.id === i.id)}
              />{" "}
              {i.label} ({i.documentTitle})
            </label>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}

export default function ActionPlanPage() {
  const t = useT();
  const { kommun, canWrite, plan: p, promises, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const draft = canWrite && p.status === "utkast";
  return (
    <article className="plan-doc">
      <DocumentHead
        kommun={kommun}
        kind="atgardsplan"
        other={`/app/${kommun.slug}/lagesbild/${p.picture.id}`}
        doc={p}
        canWrite={canWrite}
      >
        <p>
          {p.periodLabel} · {t(`plans.status.${p.status}` as MessageKey)}, {t("plans.version", { version: p.version })}{" "}
          · {t("plans.plan.basedOn", { title: p.picture.title, version: p.picture.version })}
        </p>
      </DocumentHead>
      {p.summary ? <p className="prewrap">{p.summary}</p> : null}
      <FieldErrors errors={result?.errors} />

      <section aria-labelledby="sec-decision">
        <h2 id="sec-decision">{t("plans.decision.title")}</h2>
        <DecisionBlock decision={p.decision} revision={p.revision} months={p.revisionMonths} />
        {draft ? (
          <Form method="post" className="stack">
            <CsrfField />
            <input type="hidden" name="intent" value="decide" />
            <label htmlFor="decisionBody">{t("plans.decision.body")}</label>
            <input id="decisionBody" name="decisionBody" />
            <label htmlFor="decidedOn">{t("plans.decision.date")}</label>
            <input id="decidedOn" name="decidedOn" />
            <label htmlFor="diarienummer">{t("plans.decision.diarienummer")}</label>
            <input id="diarienummer" name="diarienummer" />
            <label htmlFor="protocolParagraph">{t("plans.decision.paragraph")}</label>
            <input id="protocolParagraph" name="protocolParagraph" />
            <button type="submit">{t("plans.decision.record")}</button>
          </Form>
        ) : null}
        {canWrite ? (
          <Form method="post" className="stack">
            <CsrfField />
            <input type="hidden" name="intent" value="revisionMonths" />
            <label htmlFor="revisionMonths">{t("plans.revision.months")}</label>
            <input id="revisionMonths" name="revisionMonths" defaultValue={p.revisionMonths} inputMode="numeric" />
            <button type="submit">{t("plans.revision.save")}</button>
          </Form>
        ) : null}
      </section>

      <RollUp rollUp={p.rollUp} />

      <section aria-labelledby="sec-measures">
        <h2 id="sec-measures">{t("plans.measures.title")}</h2>
        {p.measures.length === 0 ? <p>{t("plans.measures.none")}</p> : null}
        {p.measures.map((m) => (
          <section key={m.id} className="measure" aria-labelledby={`m-${m.id}`}>
            <h3 id={`m-${m.id}`}>{m.title}</h3>
            <MeasureView m={m} problems={p.problems} kommunSlug={kommun.slug} />
            {draft ? (
              <details>
                <summary>{t("plans.save")}</summary>
                <Form method="post" className="stack">
                  <CsrfField />
                  <input type="hidden" name="measureId" value={m.id} />
                  <MeasureFields
                    m={m}
                    problems={p.problems}
                    indicators={p.indicators}
                    zones={zones}
                    idp={String(m.id)}
                  />
                  <div className="row">
                    <button type="submit" name="intent" value="saveMeasure">
                      {t("plans.save")}
                    </button>
                    <button type="submit" name="intent" value="deleteMeasure">
                      {t("plans.delete")}
                    </button>
                  </div>
                </Form>
              </details>
            ) : canWrite ? (
              <Form method="post" className="row">
                <CsrfField />
                <input type="hidden" name="intent" value="setStatus" />
                <input type="hidden" name="measureId" value={m.id} />
                <label htmlFor={`st-${m.id}`}>{t("plans.measures.status")}</label>
                <select id={`st-${m.id}`} name="status" defaultValue={m.status}>
                  {MEASURE_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`plans.measureStatus.${s}` as MessageKey)}
                    </option>
                  ))}
                </select>
                <button type="submit">{t("plans.save")}</button>
              </Form>
            ) : null}
            {canWrite && promises.length ? (
              <Form method="post" className="row">
                <CsrfField />
                <input type="hidden" name="intent" value="linkPromise" />
                <input type="hidden" name="measureId" value={m.id} />
                <label htmlFor={`pr-${m.id}`}>{t("plans.measures.linkPromise")}</label>
                <select id={`pr-${m.id}`} name="promiseId">
                  {promises.map((x) => (
                    <option key={x.promiseId} value={x.promiseId}>
                      {x.label.slice(0, 140)}
                    </option>
                  ))}
                </select>
                <button type="submit">{t("plans.measures.linkPromise")}</button>
              </Form>
            ) : null}
            {canWrite && m.promises.length ? (
              <ul>
                {m.promises.map((x) => (
                  <li key={x.promiseId}>
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="unlinkPromise" />
                      <input type="hidden" name="measureId" value={m.id} />
                      <input type="hidden" name="promiseId" value={x.promiseId} />
                      <button type="submit" className="secondary">
                        {t("plans.measures.unlinkPromise", { text: x.text.slice(0, 140) })}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
        {draft ? (
          <Form method="post" className="stack">
            <h3>{t("plans.measures.add")}</h3>
            <CsrfField />
            <input type="hidden" name="intent" value="addMeasure" />
            <MeasureFields problems={p.problems} indicators={p.indicators} zones={zones} idp="new" />
            <button type="submit">{t("plans.measures.add")}</button>
          </Form>
        ) : null}
      </section>
      <Comments comments={p.comments} canWrite={canWrite} sections={["dokument", "measures", "decision"]} />
    </article>
  );
}

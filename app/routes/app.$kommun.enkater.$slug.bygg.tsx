import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import surveyCss from "survey-core/survey-core.fontless.min.css";
import { z } from "zod";
import type { SurveyDefinition } from "~/features/surveys/index";
import {
  addBankQuestion,
  addCustomQuestion,
  addPlaceQuestion,
  bankOptions,
  BuilderError,
  CUSTOM_TYPES,
  listPages,
  listQuestions,
  moveQuestion,
  parseAreas,
  removeQuestion,
  replaceAreaChoices,
  setDemographics,
  setRequired,
  setTexts,
  type ItemList,
} from "~/features/surveys/index";
import { importReport, saveBuilderEdit, updateSurveySettings } from "~/features/surveys/index.server";
import { getKommunSurvey } from "~/features/surveys/index.server";
import { requireKommun } from "~/features/accounts/index.server";
import { listZones } from "~/features/places/index.server";
import { zoneShapes } from "~/features/places/index";
import { Invalid } from "~/platform/errors.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { localeFromRequest, translate, type Locale } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { FieldErrors } from "~/components/FieldErrors";
import { AddBankForm, AddCustomForm } from "~/components/builder/AddForms";
import { AddPlaceForm } from "~/components/builder/AddPlaceForm";
import { ImportExport } from "~/components/builder/ImportExport";
import { Preview, PreviewLanguage, type PreviewLocale } from "~/components/builder/Preview";
import { QuestionList } from "~/components/builder/QuestionList";
import { AreasForm, DemographicsForm } from "~/components/builder/SettingsForms";
import { TextsEditor } from "~/components/builder/TextsEditor";
import builderCss from "~/components/builder/builder.css";
import { titleOf } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

// SurveyJS's stylesheet only where SurveyJS is shown (as on the survey page), never in the root bundle; the
// fontless variant, since the CSP (rightly) blocks the Google Fonts it would load and our theme sets the font.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: surveyCss },
  { rel: "stylesheet", href: builderCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: titleOf(`${data?.survey.title ?? ""}`) }];

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst" });
    const s = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const definition = s.definition as SurveyDefinition;
    return {
      kommun: { slug: kommun.slug, name: kommun.name },
      survey: {
        slug: s.slug,
        title: s.title,
        period: s.period,
        kind: s.kind,
        status: s.effectiveStatus,
        version: s.version,
        frozen: s.frozenAt !== null || s.effectiveStatus !== "draft",
      },
      definition,
      questions: listQuestions(definition),
      pages: listPages(definition),
      bank: bankOptions(definition, s.kind),
      areas: s.settings.areas ?? [],
      demographics: s.settings.demographics ?? {},
      customTypes: CUSTOM_TYPES,
      zoneCount: (await listZones({ db, kommunId: kommun.id })).length,
    };
  });

const lines = z
  .string()
  .max(20_000)
  .default("")
  .transform((v) =>
    v
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  );
const text = z.string().max(1000).optional();
/** The place question's map size (SVG user units; it scales down on a phone). */
const PLACE_MAP = { width: 480, height: 360 };
const name = z.string().trim().min(1).max(100);
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), name, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("remove"), name }),
  z.object({ intent: z.literal("required"), name, required: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("addBank"), bankName: name, bankPage: z.string().max(100).optional() }),
  z.object({ intent: z.literal("addPlace"), placePage: z.string().max(100).optional() }),
  z.object({
    intent: z.literal("addCustom"),
    type: z.string().max(30),
    name: z.string().max(100),
    page: z.string().max(100).optional(),
    title_sv: text,
    title_en: text,
    title_fi: text,
    isRequired: z.literal("true").optional(),
    choices_sv: lines,
    choices_en: lines,
    choices_fi: lines,
    rows_sv: lines,
    rows_en: lines,
    rows_fi: lines,
  }),
  z.object({
    intent: z.literal("texts"),
    name,
    title_sv: text,
    title_en: text,
    title_fi: text,
    item: z
      .array(
        z
          .string()
          .max(300)
          .regex(/^(choices|rows|columns|rateValues):/),
      )
      .max(500),
    item_sv: z.array(z.string().max(1000)),
    item_en: z.array(z.string().max(1000)),
    item_fi: z.array(z.string().max(1000)),
  }),
  z.object({ intent: z.literal("areas"), areas: z.string().max(50_000) }),
  z.object({
    intent: z.literal("demographics"),
    area: z.string().max(100),
    age_band: z.string().max(100),
    gender: z.string().max(100),
  }),
  z.object({
    intent: z.literal("import"),
    definition: z.string().max(1_000_000).default(""),
    file: z.string().max(1_000_000).optional(),
  }),
]);

/** Runs a builder edit, turning its BuilderError into per-field messages in the analyst's language. */
function edit<T>(locale: Locale, fn: () => T, prefix = ""): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof BuilderError)) throw e;
    throw new Invalid([{ field: prefix + e.field, message: translate(locale, `builder.error.${e.code}`, e.params) }]);
  }
}

export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, role: "analyst", form });
    const locale = localeFromRequest(request);
    const s = await getKommunSurvey({ db, slug: params.slug ?? "", kommunId: kommun.id });
    const file = form.get("file");
    const upload = file && typeof file !== "string" && file.size > 0 ? file : null;
    if (upload && upload.size > 1_000_000)
      throw new Invalid([{ field: "file", message: translate(locale, "builder.error.fileTooLarge") }]);
    const parsed = schema.safeParse({
      ...Object.fromEntries([...form].filter(([, v]) => typeof v === "string")),
      ...Object.fromEntries(["item", "item_sv", "item_en", "item_fi"].map((k) => [k, form.getAll(k)])),
      file: upload ? await upload.text() : undefined,
    });
    if (!parsed.success) {
      throw new Invalid(
        parsed.error.issues.map((i) => ({
          field: String(i.path[0] ?? "form"),
          message: translate(locale, "builder.error.invalidField"),
        })),
      );
    }
    const input = parsed.data;
    const def = s.definition as SurveyDefinition;
    const save = async (definition: SurveyDefinition, settings = {}, extra = {}) => {
      const saved = await saveBuilderEdit({ db, surveyId: s.id, definition, settings });
      return { intent: input.intent, version: saved.version, newVersion: saved.newVersion, ...extra };
    };
    switch (input.intent) {
      case "move":
        return save(
          edit(locale, () => moveQuestion(def, input.name, input.direction)),
          {},
          { name: input.name, direction: input.direction },
        );
      case "remove":
        return save(edit(locale, () => removeQuestion(def, input.name)));
      case "required":
        return save(edit(locale, () => setRequired(def, input.name, input.required === "true")));
      case "addBank":
        return save(
          edit(locale, () =>
            addBankQuestion(def, {
              name: input.bankName,
              page: input.bankPage || undefined,
              areas: s.settings.areas ?? [],
            }),
          ),
        );
      case "addPlace": {
        // The zones as they are now: the map is copied into the definition and frozen with it when published.
        const zones = await listZones({ db, kommunId: kommun.id });
        const shapes = zoneShapes(zones, PLACE_MAP.width, PLACE_MAP.height);
        return save(
          edit(locale, () =>
            addPlaceQuestion(def, {
              page: input.placePage || undefined,
              zones: shapes.map((z) => ({ code: z.code, name: z.name, d: z.d })),
              ...PLACE_MAP,
            }),
          ),
        );
      }
      case "addCustom": {
        const { type, name: qname, page: p, isRequired } = input;
        const title = { sv: input.title_sv, en: input.title_en, fi: input.title_fi };
        const choices = { sv: input.choices_sv, en: input.choices_en, fi: input.choices_fi };
        const rows = { sv: input.rows_sv, en: input.rows_en, fi: input.rows_fi };
        return save(
          edit(locale, () =>
            addCustomQuestion(def, {
              type,
              name: qname,
              page: p || undefined,
              title,
              choices,
              rows,
              isRequired: !!isRequired,
            }),
          ),
        );
      }
      case "texts": {
        const items = input.item.map((key, i) => {
          const [list, ...value] = key.split(":");
          return {
            list: list as ItemList,
            value: value.join(":"),
            texts: { sv: input.item_sv[i] ?? "", en: input.item_en[i] ?? "", fi: input.item_fi[i] ?? "" },
          };
        });
        const title = { sv: input.title_sv ?? "", en: input.title_en ?? "", fi: input.title_fi ?? "" };
        return save(edit(locale, () => setTexts(def, input.name, { title, items }), "edit-"));
      }
      case "areas": {
        const areas = edit(locale, () => parseAreas(input.areas));
        return save(
          edit(locale, () => replaceAreaChoices(def, areas)),
          { areas },
        );
      }
      case "demographics": {
        const demographics = edit(locale, () => setDemographics(def, input));
        await updateSurveySettings({ db, surveyId: s.id, settings: { demographics } });
        return { intent: input.intent, version: s.version, newVersion: false };
      }
      case "import": {
        const report = importReport(input.file ?? input.definition);
        if (!report.ok || !report.definition) return data({ intent: input.intent, report }, { status: 422 });
        return save(report.definition, {}, { report: { ...report, definition: null } });
      }
    }
  });

export default function Builder() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const preview = (
    ["sv", "en", "fi"].includes(search.get("preview") ?? "") ? search.get("preview") : "sv"
  ) as PreviewLocale;
  const editing = data.questions.find((q) => q.name === search.get("edit"));
  const saved = result?.intent && !result.errors && !(result.report && !result.report.ok);
  const base = `/app/${data.kommun.slug}/enkater/${data.survey.slug}`;
  return (
    <section className="builder">
      <p className="kicker">{data.kommun.name}</p>
      <h1>{t("builder.title", { title: data.survey.title })}</h1>
      <p>
        {t("builder.versionLine", { version: data.survey.version, period: data.survey.period })} ·{" "}
        {t(`builder.status.${data.survey.status}`)}
      </p>
      {data.survey.frozen ? <p className="notice">{t("builder.frozenNotice")}</p> : null}
      <div className="builder-status" role="status">
        {saved ? (
          <p className={result.newVersion ? "notice" : "ok"}>
            {result.newVersion
              ? t("builder.savedNewVersion", { version: result.version ?? "" })
              : t("builder.saved", { version: result.version ?? "" })}
          </p>
        ) : null}
      </div>
      <FieldErrors errors={result?.errors} />
      <div className="builder-layout">
        <div>
          <QuestionList questions={data.questions} pages={data.pages} />
          {editing ? <TextsEditor key={editing.name} question={editing} /> : null}
          <AddBankForm bank={data.bank} pages={data.pages} />
          <AddCustomForm pages={data.pages} customTypes={data.customTypes} />
          <AddPlaceForm zoneCount={data.zoneCount} pages={data.pages} />
          {data.survey.kind === "medborgarenkat" ? (
            <AreasForm key={JSON.stringify(data.areas)} areas={data.areas} />
          ) : null}
          <DemographicsForm
            key={JSON.stringify(data.demographics)}
            questions={data.questions}
            demographics={data.demographics}
          />
          <ImportExport exportHref={`${base}/definition.json`} report={result?.report} />
        </div>
        <section className="builder-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("builder.preview.title")}</h2>
          <PreviewLanguage key={preview} locale={preview} />
          <Preview definition={data.definition} locale={preview} />
        </section>
      </div>
    </section>
  );
}

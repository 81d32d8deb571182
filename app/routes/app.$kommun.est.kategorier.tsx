import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireKommun } from "~/features/accounts/index.server";
import { addOwnCategory, listOwnCategories, retireOwnCategory, setOwnCategoryTheme } from "~/features/est/index.server";
import { STANDARD_CATEGORIES } from "~/features/est/index";
import { THEME_KEYS, THEMES } from "~/features/surveys/index";
import { NotFound } from "~/platform/errors.server";
import { page, pageInput, readForm } from "~/platform/http.server";
import { parseId } from "~/platform/validation";
import { useT } from "~/i18n/use-t";
import { CsrfField } from "~/components/CsrfField";
import { DataTable } from "~/components/DataTable";
import { FieldErrors } from "~/components/FieldErrors";
import { ActionButton } from "~/components/PostForm";
import { EstPageHead } from "~/components/est/EstNav";
import estCss from "~/styles/est.css";
import { pageTitle } from "~/platform/page-meta";

// Expected errors (not found, no access, a conflict, bad input) are shown in place, inside the layout.
export { ErrorBoundary } from "~/components/ErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: estCss }];

export const meta = pageTitle("title.estCategories");

export const loader = (args: LoaderFunctionArgs) =>
  page(args, async ({ request, params }) => {
    const { kommun, db } = await requireKommun(request, { slug: params.kommun, permission: "est:coordinate" });
    const own = await listOwnCategories({ db, kommunId: kommun.id });
    return { kommun, own: own.map((c) => ({ ...c, retired: c.retired_at !== null, retired_at: undefined })) };
  });

/**
 * Adds an own category (`intent=ny`: name, measure, theme), sets the theme of one (`intent=tema`, `kategori`,
 * `theme`), or retires one (`intent=ta_bort`, `kategori`).
 */
export const action = (args: ActionFunctionArgs) =>
  pageInput(args, async ({ request, params }) => {
    const form = await readForm(request);
    const { kommun, db } = await requireKommun(request, {
      slug: params.kommun,
      permission: "est:coordinate",
      form,
    });
    if (form.get("intent") === "ta_bort") {
      const id = parseId(form.get("kategori"));
      if (!id) throw new NotFound("est.err.categoryNotFound");
      await retireOwnCategory({ db, kommunId: kommun.id, id });
      return { done: "retired" as const };
    }
    if (form.get("intent") === "tema") {
      const id = parseId(form.get("kategori"));
      if (!id) throw new NotFound("est.err.categoryNotFound");
      await setOwnCategoryTheme({ db, kommunId: kommun.id, id, theme: String(form.get("theme") ?? "") });
      return { done: "theme" as const };
    }
    await addOwnCategory({
      db,
      kommunId: kommun.id,
      name: String(form.get("name") ?? ""),
      measure: String(form.get("measure") ?? ""),
      theme: String(form.get("theme") ?? ""),
    });
    return { done: "added" as const };
  });

export default function EstCategories() {
  const t = useT();
  const { kommun, own } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const measure = (m: "count" | "level") => t(`est.categories.measure.${m}`);
  const themeLabel = (key: string | null | undefined) => {
    const theme = key ? (THEMES as Record<string, { label: { sv: string; en: string } } | undefined>)[key] : undefined;
    return theme ? (t.locale === "en" ? theme.label.en : theme.label.sv) : t("est.categories.noTheme");
  };
  const themeOptions = (
    <>
      <option value="">{t("est.categories.noTheme")}</option>
      {THEME_KEYS.map((k) => (
        <option key={k} value={k}>
          {themeLabel(k)}
        </option>
      ))}
    </>
  );
  const columns = [
    { label: t("est.categories.col.name") },
    { label: t("est.categories.col.measure") },
    { label: t("est.categories.col.theme") },
  ];
  return (
    <section>
      <EstPageHead kommun={kommun} page="categories" />
      <FieldErrors errors={result?.errors} />
      {result?.done ? (
        <p className="notice" role="status">
          {result.done === "added"
            ? t("est.categories.added")
            : result.done === "theme"
              ? t("est.categories.themeDone")
              : t("est.categories.retiredDone")}
        </p>
      ) : null}
      <DataTable caption={t("est.categories.standard")} columns={columns}>
        {STANDARD_CATEGORIES.map((c) => (
          <tr key={c.key}>
            <th scope="row">{t.locale === "en" ? c.label.en : c.label.sv}</th>
            <td>{measure(c.measure)}</td>
            <td>{c.themes.map(themeLabel).join(", ")}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{t("est.categories.own")}</h2>
      {own.length === 0 ? (
        <p>{t("est.categories.none")}</p>
      ) : (
        <DataTable caption={t("est.categories.own")} columns={[...columns, { label: t("est.categories.col.status") }]}>
          {own.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td>{measure(c.measure)}</td>
              <td>
                {c.retired ? (
                  themeLabel(c.theme)
                ) : (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="tema" />
                    <input type="hidden" name="kategori" value={c.id} />
                    <select
                      name="theme"
                      defaultValue={c.theme ?? ""}
                      aria-label={t("est.categories.themeFor", { name: c.name })}
                    >
                      {themeOptions}
                    </select>{" "}
                    <button type="submit" aria-label={t("est.categories.setThemeLabel", { name: c.name })}>
                      {t("est.categories.setTheme")}
                    </button>
                  </Form>
                )}
              </td>
              <td>
                {c.retired ? (
                  t("est.categories.retired")
                ) : (
                  <>
                    {t("est.categories.active")}{" "}
                    <ActionButton
                      intent="ta_bort"
                      fields={{ kategori: c.id }}
                      label={t("est.categories.retire")}
                      ariaLabel={t("est.categories.retireLabel", { name: c.name })}
                    />
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>{t("est.categories.add")}</h2>
      <Form method="post" className="stack">
        <CsrfField />
        <input type="hidden" name="intent" value="ny" />
        <label htmlFor="name">{t("est.categories.name")}</label>
        <input id="name" name="name" required maxLength={80} />
        <label htmlFor="measure">{t("est.categories.measure")}</label>
        <select id="measure" name="measure" defaultValue="count">
          <option value="count">{measure("count")}</option>
          <option value="level">{measure("level")}</option>
        </select>
        <label htmlFor="theme">{t("est.categories.theme")}</label>
        <select id="theme" name="theme" defaultValue="" aria-describedby="theme-hint">
          {themeOptions}
        </select>
        <p id="theme-hint" className="hint">
          {t("est.categories.themeHint")}
        </p>
        <button type="submit">{t("est.categories.add")}</button>
      </Form>
    </section>
  );
}

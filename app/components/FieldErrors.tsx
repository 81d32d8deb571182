import { useT } from "~/i18n/use-t";

/** The list of per-field problems a form submission came back with, announced to screen readers. */
export function FieldErrors({ errors }: { errors?: { field: string; message: string }[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div role="alert" className="error-summary">
      <p>{t("form.errors")}</p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

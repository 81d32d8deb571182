import { useT } from "~/i18n/use-t";
import { DataTable } from "~/components/DataTable";

function show(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.map(show).join(" | ");
  return typeof v === "string" ? v : String(v);
}

/** The file's columns, each with a choice of the question (or date) it fills; a change asks for a new preview. */
export function ColumnMapping({
  preview,
  onChange,
}: {
  preview: { headers: string[]; mapping: (string | null)[]; targets: { id: string; label: string }[] };
  onChange: () => void;
}) {
  const t = useT();
  return (
    <DataTable columns={[{ label: t("import.column") }, { label: t("import.target") }]}>
      {preview.headers.map((h, i) => (
        <tr key={`${i}:${h}:${preview.mapping[i] ?? ""}`}>
          <th scope="row">
            <label htmlFor={`col-${i}`}>{h}</label>
          </th>
          <td>
            <select id={`col-${i}`} name={`col.${i}`} defaultValue={preview.mapping[i] ?? ""} onChange={onChange}>
              <option value="">{t("import.unmapped")}</option>
              {preview.targets.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The first rows as they will be read, in the mapped columns only. */
export function SampleTable({
  preview,
}: {
  preview: { headers: string[]; mapping: (string | null)[]; sample: { row: number; cells: unknown[] }[] };
}) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table data-testid="sample">
        <caption>{t("import.sampleCaption", { n: preview.sample.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.row")}</th>
            {preview.headers.map((h, i) =>
              preview.mapping[i] ? (
                <th scope="col" key={i}>
                  {h}
                </th>
              ) : null,
            )}
          </tr>
        </thead>
        <tbody>
          {preview.sample.map((r) => (
            <tr key={r.row}>
              <th scope="row">{r.row}</th>
              {preview.headers.map((_, i) => (preview.mapping[i] ? <td key={i}>{show(r.cells[i])}</td> : null))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { ReactNode } from "react";

/** A column of a DataTable: its header, and whether it holds numbers (right-aligned, class "num"). */
export interface DataColumn {
  label: ReactNode;
  num?: boolean;
}

/**
 * A plain table in its scroll container: an optional caption, one header row of columns and the rows given as
 * children (each a `<tr>`, its cells classed "num" where the column is).
 */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption?: ReactNode;
  columns: readonly DataColumn[];
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table>
        {caption ? <caption>{caption}</caption> : null}
        <DataTableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A table's one header row of columns, for a table drawn without DataTable's scroll container. */
export function DataTableHead({ columns }: { columns: readonly DataColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col" className={c.num ? "num" : undefined}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

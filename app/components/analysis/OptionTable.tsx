import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import { TableWrap } from "~/components/TableWrap";

export type OptionColumn = { header: ReactNode; numeric?: boolean };

/**
 * One question's answer options as a table: the option in the first column, then `columns`; a suppressed option
 * gets one cell across them with `suppressedText`. Used by the results page's distributions and the weighting
 * page's unweighted-beside-weighted tables.
 */
export function OptionTable<O extends { value: string; label: string }>(props: {
  /** The region's name (TableWrap); the caption may add to it. */
  label: string;
  caption: ReactNode;
  columns: readonly OptionColumn[];
  options: readonly O[];
  isSuppressed: (option: O) => boolean;
  suppressedText: string;
  /** The cells after the option's label, one per column, for an option that is shown. */
  cells: (option: O) => readonly ReactNode[];
}) {
  const t = useT();
  const { columns } = props;
  return (
    <TableWrap label={props.label}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.col.option")}</th>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.options.map((o) => (
            <tr key={o.value}>
              <th scope="row">{o.label}</th>
              {props.isSuppressed(o) ? (
                <td colSpan={columns.length} className="suppressed">
                  {props.suppressedText}
                </td>
              ) : (
                props.cells(o).map((cell, i) => (
                  <td key={i} className={columns[i]?.numeric ? "num" : undefined}>
                    {cell}
                  </td>
                ))
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

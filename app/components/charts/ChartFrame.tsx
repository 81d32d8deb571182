/**
 * The frame every chart is drawn in: a <figure> with the title, a one-sentence summary of the main finding, the
 * SVG (an image named by title and summary), the same figures as a table behind "Visa tabell", and downloads as
 * SVG and PNG. Server-rendered; the buttons (downloads, and a chart's own controls such as sorting) appear after
 * hydration only, since they cannot work without JavaScript. Hovering a mark shows its value: the mark's SVG
 * <title> (which browsers show natively after a delay, also without JavaScript) is shown at once beside the pointer.
 */
import { useEffect, useRef, useState, type PointerEvent, type ReactNode } from "react";
import { saveBlob, serializeSvg, svgToPng } from "./download";
import type { ChartLabels } from "./labels";
import { fileNameFor } from "./layout";
import { BACKGROUND, INK } from "./palette";
import { FONT_FAMILY, FONT_SIZE, useSvgId } from "./parts";
import { TableWrap } from "~/components/TableWrap";

/** A table cell: text, or text spanning several columns (a suppressed row), right-aligned when numeric. */
export type TableCell = string | { text: string; colSpan?: number; numeric?: boolean };

/** The data table alternative. `columns[0]` heads the row headers; every row has `header` plus its cells. */
export type ChartTable = {
  columns: readonly { label: string; numeric?: boolean }[];
  rows: readonly { key: string; header: string; cells: readonly TableCell[] }[];
};

export type ChartFrameProps = {
  /** Already localised; also the table caption and the download file name. */
  title: string;
  /** One sentence with the main finding, already localised (written by the caller from the data). */
  summary: string;
  labels: ChartLabels;
  width: number;
  height: number;
  table: ChartTable;
  /** The chart's marks, drawn inside the <svg>. */
  children: ReactNode;
  /** Client-only controls (e.g. a sort toggle); shown once hydrated. */
  controls?: ReactNode;
  /** Download file name without extension; default from the title. */
  fileName?: string;
};

export function ChartFrame(props: ChartFrameProps) {
  const { title, summary, labels, width, height, table, children, controls, fileName } = props;
  const id = useSvgId();
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  const svgRef = useRef<SVGSVGElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [failed, setFailed] = useState(false);
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null);
  useEffect(() => setHydrated(true), []);

  // The nearest mark under the pointer that carries a <title> (bars, columns, points, suppressed bands).
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const svg = svgRef.current;
    const box = svg?.parentElement?.getBoundingClientRect();
    let el = e.target as Element | null;
    while (el && el !== svg) {
      const title = Array.from(el.children).find((c) => c.tagName.toLowerCase() === "title");
      if (title?.textContent) {
        if (box) setTip({ text: title.textContent, x: e.clientX - box.left + 14, y: e.clientY - box.top + 14 });
        return;
      }
      el = el.parentElement;
    }
    setTip(null);
  };

  const name = fileName ?? fileNameFor(title);
  const download = async (kind: "svg" | "png") => {
    const svg = svgRef.current;
    if (!svg) return;
    setFailed(false);
    try {
      const text = serializeSvg(svg, { title, summary });
      const blob =
        kind === "svg"
          ? new Blob([text], { type: "image/svg+xml;charset=utf-8" })
          : await svgToPng(text, width, height);
      saveBlob(blob, `${name}.${kind}`);
    } catch {
      setFailed(true);
    }
  };

  return (
    <figure className="chart" style={{ margin: "1.5rem 0", maxWidth: `${width}px`, position: "relative" }}>
      <figcaption>
        <h3 id={titleId}>{title}</h3>
        <p id={summaryId} className="chart-summary">
          {summary}
        </p>
      </figcaption>
      {hydrated && controls ? (
        <div className="chart-controls no-print" style={{ marginBottom: "0.5rem" }}>
          {controls}
        </div>
      ) : null}
      <svg
        ref={svgRef}
        xmlns="http://www.w3.org/2000/svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${summaryId}`}
        fontFamily={FONT_FAMILY}
        fontSize={FONT_SIZE}
        fill={INK}
        style={{ display: "block", maxWidth: "100%", height: "auto" }}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setTip(null)}
      >
        <rect width={width} height={height} fill={BACKGROUND} />
        {children}
      </svg>
      {tip ? (
        // A visual aid only: the same text is the mark's <title>, and every value is in the table below.
        <div
          className="chart-tooltip no-print"
          aria-hidden="true"
          style={{
            position: "absolute",
            left: tip.x,
            top: tip.y,
            maxWidth: "20rem",
            background: INK,
            color: BACKGROUND,
            padding: "0.3rem 0.5rem",
            borderRadius: 4,
            fontSize: "0.85rem",
            pointerEvents: "none",
            zIndex: 5,
          }}
        >
          {tip.text}
        </div>
      ) : null}
      <details className="chart-table">
        <summary>{labels.showTable}</summary>
        <TableWrap label={title}>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} scope="col" className={c.numeric ? "num" : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.header}</th>
                  {row.cells.map((cell, i) => {
                    const c = typeof cell === "string" ? { text: cell } : cell;
                    const numeric = c.numeric ?? (typeof cell === "string" && table.columns[i + 1]?.numeric);
                    return (
                      <td key={i} colSpan={c.colSpan} className={numeric ? "num" : undefined}>
                        {c.text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
      {hydrated ? (
        <div
          className="chart-downloads no-print"
          style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem", marginTop: "0.5rem" }}
        >
          <button type="button" className="secondary" onClick={() => void download("svg")}>
            {labels.downloadSvg}
          </button>
          <button type="button" className="secondary" onClick={() => void download("png")}>
            {labels.downloadPng}
          </button>
          {failed ? (
            <p role="alert" className="error-summary" style={{ flexBasis: "100%", margin: 0 }}>
              {labels.downloadFailed}
            </p>
          ) : null}
        </div>
      ) : null}
    </figure>
  );
}

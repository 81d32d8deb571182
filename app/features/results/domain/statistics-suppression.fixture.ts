import type { SuppressedCount, SuppressedTable } from "./statistics";

// What the suppression tests share: the subtraction check of a one-way breakdown, and an independent audit of a
// suppressed table.

/** Every suppressed cell of a one-way breakdown with a shown total can be recovered iff exactly one is hidden. */
export const recoverableBySubtraction = (cells: SuppressedCount[], total: number) => {
  const hidden = cells.filter((c) => c.suppressed);
  if (hidden.length !== 1) return null;
  return total - cells.reduce((s, c) => s + (c.n ?? 0), 0);
};

// ---------------------------------------------------------------------------------------------------------------
// An independent audit of a suppressed table: rebuild the relations a reader sees (each row, column and margin
// adds up to its total) and check what they reveal.

export type Relation = { parts: number[]; total: number };
export type AuditEntry = { n: number; hidden: boolean; reason: SuppressedCount["reason"] };

export function auditModel(counts: number[][], r: SuppressedTable) {
  const entries: AuditEntry[] = [];
  const add = (c: SuppressedCount, n: number) => {
    entries.push({ n, hidden: c.suppressed, reason: c.reason });
    return entries.length - 1;
  };
  const cells = r.cells.map((row, i) => row.map((c, j) => add(c, counts[i]?.[j] ?? 0)));
  const rowSum = (i: number) => (counts[i] ?? []).reduce((s, n) => s + n, 0);
  const colSum = (j: number) => counts.reduce((s, row) => s + (row[j] ?? 0), 0);
  const rowTotals = r.rowTotals?.map((c, i) => add(c, rowSum(i))) ?? null;
  const colTotals = r.colTotals?.map((c, j) => add(c, colSum(j))) ?? null;
  const grand = r.grandTotal
    ? add(
        r.grandTotal,
        counts.flat().reduce((s, n) => s + n, 0),
      )
    : null;
  const relations: Relation[] = [];
  rowTotals?.forEach((t, i) => relations.push({ parts: cells[i] ?? [], total: t }));
  colTotals?.forEach((t, j) => relations.push({ parts: cells.map((row) => row[j] as number), total: t }));
  if (grand !== null) {
    if (rowTotals) relations.push({ parts: rowTotals, total: grand });
    if (colTotals) relations.push({ parts: colTotals, total: grand });
    if (!rowTotals && !colTotals) relations.push({ parts: cells.flat(), total: grand });
  }
  return { entries, relations, cells };
}

/** Rank of a matrix by Gaussian elimination (entries are small integers, so a tolerance is safe). */
export function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = i;
    if (Math.abs(m[pivot]?.[c] ?? 0) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const pivotRow = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const row = m[i] as number[];
      const f = (row[c] ?? 0) / (pivotRow[c] as number);
      if (f !== 0) for (let k = c; k < width; k++) row[k] = (row[k] ?? 0) - f * (pivotRow[k] ?? 0);
    }
    r++;
  }
  return r;
}

/** Hidden entries whose value follows exactly from the shown figures by any combination of the relations. */
export function derivableEntries(entries: AuditEntry[], relations: Relation[]): number[] {
  const unknowns = entries.map((e, id) => (e.hidden ? id : -1)).filter((id) => id >= 0);
  const column = new Map(unknowns.map((id, k) => [id, k]));
  const matrix = relations.map((rel) => {
    const row: number[] = unknowns.map(() => 0);
    for (const id of rel.parts) if (column.has(id)) row[column.get(id) as number] = 1;
    if (column.has(rel.total)) row[column.get(rel.total) as number] = -1;
    return row;
  });
  const base = rank(matrix);
  return unknowns.filter((_, k) => rank([...matrix, unknowns.map((__, c) => (c === k ? 1 : 0))]) === base);
}

/**
 * Hidden entries that one relation pins to a single value, given what a reader knows of hidden entries: a figure
 * hidden as "below_min_base" is 1..m−1, or 0..m−1 if it belongs to a group whose total is hidden as below the
 * minimum base (then its zeros are hidden too); any other hidden figure is ≥ 0.
 */
export function pinnedBySingleRelation(entries: AuditEntry[], relations: Relation[], m: number): number[] {
  const smallGroupPart = new Set(
    relations.filter((rel) => entries[rel.total]?.reason === "below_min_base").flatMap((rel) => rel.parts),
  );
  const range = (id: number): [number, number] =>
    entries[id]?.reason === "below_min_base" ? [smallGroupPart.has(id) ? 0 : 1, m - 1] : [0, Infinity];
  const pinned: number[] = [];
  for (const rel of relations) {
    // Σ parts − total = 0, i.e. Σ hidden signed values = −(Σ shown signed values).
    const signed = [...rel.parts.map((id) => ({ id, sign: 1 })), { id: rel.total, sign: -1 }];
    const known = signed
      .filter((t) => !entries[t.id]?.hidden)
      .reduce((s, t) => s + t.sign * (entries[t.id]?.n ?? 0), 0);
    const unknown = signed.filter((t) => entries[t.id]?.hidden);
    for (const t of unknown) {
      const others = unknown.filter((o) => o !== t);
      // others' signed sum lies in [lo, hi]; t.sign · x = −known − others
      const lo = others.reduce((s, o) => s + (o.sign > 0 ? range(o.id)[0] : -range(o.id)[1]), 0);
      const hi = others.reduce((s, o) => s + (o.sign > 0 ? range(o.id)[1] : -range(o.id)[0]), 0);
      const candidates = t.sign > 0 ? [-known - hi, -known - lo] : [known + lo, known + hi];
      const from = Math.max(candidates[0] as number, range(t.id)[0]);
      const to = Math.min(candidates[1] as number, range(t.id)[1]);
      if (to <= from) pinned.push(t.id);
    }
  }
  return pinned;
}

/** For relations with a shown total: how many of their parts are hidden. */
export const hiddenPartsPerShownTotal = (entries: AuditEntry[], relations: Relation[]) =>
  relations
    .filter((rel) => !entries[rel.total]?.hidden)
    .map((rel) => rel.parts.filter((id) => entries[id]?.hidden).length);

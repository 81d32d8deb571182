/**
 * The published count of a set of answers, as the app publishes it (cell-key perturbation,
 * docs/decisions/014-cell-key-perturbation.md): the number of rows, perturbed by the sum of their record keys
 * (`response.cell_key`) mod 256 through the method's public table. Tests that recompute figures from the raw rows
 * count every group with this instead of `.length`, and then compute shares, intervals and suppression from the
 * published counts as the app does; figures stay exact comparisons.
 *
 * Every figure is the published count of its own set of answers: an option's n (the answers holding it), a
 * question's answered (those who answered it), a group's respondents, a breakdown's margins, a day's or channel's
 * count. A sum of published parts is NOT the published total.
 */
import { perturb } from "../../app/features/results/domain/cell-key";

export interface KeyedRow {
  cell_key: number;
}

export function published(rows: readonly KeyedRow[]): number {
  let key = 0;
  for (const r of rows) key = (key + Number(r.cell_key)) % 256;
  return perturb(rows.length, key);
}

/** The published count of the rows matching `pred`. */
export function publishedWhere<T extends KeyedRow>(rows: readonly T[], pred: (r: T) => boolean): number {
  return published(rows.filter(pred));
}

import { describe, expect, it } from "vitest";
import { documentsInForce, type PublishedRow } from "./documents.server";

const row = (
  id: number,
  start: string,
  end: string,
  publishedAt: string,
  over: Partial<PublishedRow> = {},
): PublishedRow => ({
  id,
  supersedes_id: null,
  period_start: start,
  period_end: end,
  published_at: publishedAt,
  version: 1,
  ...over,
});

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe("which published documents are in force", () => {
  it("a document superseded by a later published one is not; following periods both are", () => {
    const rows = [
      row(1, "2024-01-01", "2025-12-31", "2024-01-10"),
      row(2, "2024-01-01", "2025-12-31", "2024-06-01", { supersedes_id: 1, version: 2 }),
      row(3, "2026-01-01", "2027-12-31", "2026-01-05"),
    ];
    expect([...documentsInForce(rows)].sort()).toEqual([2, 3]);
  });

  it("two overlapping version-1 documents (published before the rule): the later published wins, in any row order", () => {
    const rows = [
      row(7, "2026-01-01", "2026-12-31", "2026-03-01T12:00:00Z"),
      row(4, "2026-06-01", "2027-12-31", "2026-05-01T12:00:00Z"),
      row(9, "2026-01-01", "2026-12-31", "2026-01-15T12:00:00Z"),
    ];
    for (const p of permutations(rows)) expect([...documentsInForce(p)]).toEqual([4]);
  });

  it("ties on publication time fall to the higher version, then the higher id", () => {
    const at = "2026-02-01T00:00:00Z";
    for (const p of permutations([
      row(5, "2026-01-01", "2026-12-31", at),
      row(6, "2026-01-01", "2026-12-31", at),
      row(2, "2026-01-01", "2026-12-31", at, { version: 2 }),
    ])) {
      expect([...documentsInForce(p)]).toEqual([2]);
    }
    for (const p of permutations([row(5, "2026-01-01", "2026-12-31", at), row(6, "2026-01-01", "2026-12-31", at)]))
      expect([...documentsInForce(p)]).toEqual([6]);
  });
});

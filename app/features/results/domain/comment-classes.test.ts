import { describe, expect, it } from "vitest";
import { listableCommenters, type Commenter } from "./comment-classes";

const people = (n: number, area: string, age = "30-44", gender = "woman", prefix = area): Commenter[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${age}-${gender}-${i}`, area, age_band: age, gender }));

describe("comments listable under a filter", () => {
  it("never lists a comment of a small area under any area filter, and lists a large area's whole", () => {
    const all = [...people(12, "aa"), ...people(9, "bb"), ...people(2, "cc")];
    const aa = listableCommenters(all, { area: ["aa"] }, 5);
    const ab = listableCommenters(all, { area: ["aa", "bb"] }, 5);
    const cc = listableCommenters(all, { area: ["cc"] }, 5);
    expect(cc.size).toBe(0);
    for (const id of ab) expect(id.startsWith("cc")).toBe(false);
    // The small area's two are hidden with enough others that the hidden ones number at least 5.
    const hidden = all.filter((c) => !ab.has(c.id));
    expect(hidden.length === 0 || hidden.length >= 5).toBe(true);
    expect(aa.size === 0 || aa.size >= 5).toBe(true);
  });

  it("lists, under every filter, only whole classes of at least minBase commenters", () => {
    const all = [
      ...people(7, "aa", "16-29", "man"),
      ...people(6, "aa", "65+", "woman"),
      ...people(1, "aa", "65+", "man"),
      ...people(8, "bb", "30-44", "woman"),
      ...people(3, "bb", "45-64", "man"),
    ];
    const filters = [
      { area: ["aa"] },
      { area: ["bb"] },
      { age_band: ["65+"] },
      { area: ["aa"], age_band: ["65+"] },
      { gender: ["man"] },
      { area: ["aa"], gender: ["man"] },
      { area: ["bb"], age_band: ["45-64"] },
    ];
    const lists = filters.map((f) => listableCommenters(all, f, 5));
    // Any difference of two lists (a tracker) holds 0 or at least 5 commenters.
    for (const a of lists)
      for (const b of lists) {
        const diff = [...a].filter((id) => !b.has(id)).length;
        expect(diff === 0 || diff >= 5, `difference of ${diff}`).toBe(true);
      }
    // The lone 65+ man of area aa is listed only with his class (area aa, 65+: seven commenters, gender hidden),
    // never under a gender filter that would single him out.
    const lone = (l: Set<string>) => [...l].some((id) => id.startsWith("aa-65+-man"));
    expect(lone(lists[3]!)).toBe(true);
    expect(lists[3]!.size).toBe(7);
    expect(lone(lists[4]!)).toBe(false);
    expect(lone(lists[5]!)).toBe(false);
  });
});

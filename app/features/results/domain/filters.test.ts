import { filterQuery, filtersFromSearch } from "./filters";

describe("result filters in the URL", () => {
  it("drops the empty values a form's 'all' choice submits, keeps repeated ones", () => {
    const f = filtersFromSearch(
      new URLSearchParams(
        "where=area:&where=gender:woman&where=age_band:16-19&where=nonsense&from=&to=2026-11-01&channel=&channel=web&channel=paper",
      ),
    );
    expect(f).toEqual({
      where: ["gender:woman", "age_band:16-19"],
      from: null,
      to: "2026-11-01",
      channel: ["web", "paper"],
    });
  });

  it("writes filters and a view's own parameters back into a query string that reads the same", () => {
    const f = { where: ["area:seskaro", "gender:man"], from: "2026-10-01", to: null, channel: ["web"] };
    const q = filterQuery(f, { by: ["age_band", "gender"], kind: "problem", q: null });
    expect(q).toBe(
      "?where=area%3Aseskaro&where=gender%3Aman&from=2026-10-01&channel=web&by=age_band&by=gender&kind=problem",
    );
    expect(filtersFromSearch(new URLSearchParams(q.slice(1)))).toEqual(f);
    expect(filterQuery({ where: [], from: null, to: null, channel: [] })).toBe("");
  });
});

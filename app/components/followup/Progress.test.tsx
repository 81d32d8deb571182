import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { promiseProgress } from "~/features/promises/domain/follow-up-progress";
import { ProgressBar } from "./Progress";

const weekly = { kind: "quantity", quantity: 1, per: "week", comparator: "at_least" } as const;

describe("ProgressBar", () => {
  it("draws what is done of the period's total and a tick where it should be by now, hidden from assistive tech", () => {
    // 15 of 52 done, 20 expected.
    const progress = promiseProgress({
      target: weekly,
      periodStart: "2024-01-01",
      periodEnd: "2024-12-31",
      asOf: "2024-05-19",
      quantities: [15],
    });
    const html = renderToString(<ProgressBar progress={progress} />);
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain("fu-bar--behind");
    expect(html).toMatch(new RegExp(`class="fu-bar-done"[^>]*width="${Math.round((15 / 52) * 1000) / 10}"`));
    const tick = Number(/class="fu-bar-expected" x="([\d.]+)"/.exec(html)![1]);
    expect(tick).toBeCloseTo((20 / 52) * 100 - 0.4, 1);
  });

  it("caps the bar at the total and draws nothing for a promise without a measurable target", () => {
    const over = promiseProgress({
      target: weekly,
      periodStart: "2024-01-01",
      periodEnd: "2024-12-31",
      asOf: "2024-12-31",
      quantities: [80],
    });
    expect(renderToString(<ProgressBar progress={over} />)).toMatch(/class="fu-bar-done"[^>]*width="100"/);
    const none = promiseProgress({
      target: { kind: "none" },
      periodStart: "2024-01-01",
      periodEnd: "2024-12-31",
      asOf: "2024-12-31",
      quantities: [3],
    });
    expect(renderToString(<ProgressBar progress={none} />)).toBe("");
  });
});

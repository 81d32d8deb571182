import fc from "fast-check";
import {
  divergingSegments,
  estimateTextWidth,
  fileNameFor,
  flowBoxes,
  gridColumns,
  isShown,
  labelColumnWidth,
  rankOrder,
  shareDomainMax,
  spreadLabels,
  stackRows,
  steps,
  symmetricExtent,
  wrapText,
} from "./layout";
import {
  BAR,
  DIVERGING,
  HATCH,
  INK,
  MUTED_INK,
  SERIES,
  contrastRatio,
  relativeLuminance,
  seriesStyle,
  sideColour,
  textOn,
} from "./palette";

describe("text estimates", () => {
  it("grows with the text and the font size", () => {
    expect(estimateTextWidth("", 13)).toBe(0);
    expect(estimateTextWidth("Narkotika", 13)).toBeGreaterThan(estimateTextWidth("Narko", 13));
    expect(estimateTextWidth("Narkotika", 16)).toBeGreaterThan(estimateTextWidth("Narkotika", 13));
    // "mmm" is wider than "iii" in any sans-serif.
    expect(estimateTextWidth("mmm", 13)).toBeGreaterThan(estimateTextWidth("iii", 13));
  });

  it("wraps words into lines that fit, and cuts the last allowed line with an ellipsis", () => {
    const text = "Nedskräpning på gator och torg i centrum och i bostadsområdena";
    const lines = wrapText(text, 120, 13, 10);
    expect(lines.join(" ")).toBe(text);
    for (const l of lines) {
      if (l.includes(" ")) expect(estimateTextWidth(l, 13)).toBeLessThanOrEqual(120);
    }
    const cut = wrapText(text, 120, 13, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]?.endsWith("…")).toBe(true);
    expect(estimateTextWidth(cut[1] as string, 13)).toBeLessThanOrEqual(120);
  });

  it("puts a word longer than the line on a line of its own instead of dropping it", () => {
    expect(wrapText("Narkotikaförsäljning i parken", 60, 13)).toEqual(["Narkotikaförsäljning", "i parken"]);
  });

  it("sizes a label column between the longest word and the cap", () => {
    const labels = ["Skadegörelse", "Bilar som kör för fort på gatorna där du bor"];
    const w = labelColumnWidth(labels, 13, 150);
    expect(w).toBe(150);
    expect(labelColumnWidth(["Kort"], 13, 150, 60)).toBe(60);
    // A single word wider than the cap widens the column rather than overflow it.
    expect(labelColumnWidth(["Narkotikaförsäljningsproblematik"], 13, 100)).toBeGreaterThan(100);
  });
});

describe("scales", () => {
  it("rounds the share axis up to the next tenth, within 0.1..1", () => {
    expect(shareDomainMax([0.42, 0.61])).toBe(0.7);
    expect(shareDomainMax([0.7])).toBe(0.7); // 0.7 · 10 is 7.000000000000001 in floating point
    expect(shareDomainMax([])).toBe(0.1);
    expect(shareDomainMax([0.01])).toBe(0.1);
    expect(shareDomainMax([0.96, Number.NaN])).toBe(1);
    expect(shareDomainMax([1.2])).toBe(1);
  });

  it("gives a symmetric diverging extent in quarters above one half and tenths below", () => {
    expect(symmetricExtent(0.62)).toEqual({ max: 0.75, step: 0.25 });
    expect(symmetricExtent(0.75)).toEqual({ max: 0.75, step: 0.25 });
    expect(symmetricExtent(0.93)).toEqual({ max: 1, step: 0.25 });
    expect(symmetricExtent(0.34)).toEqual({ max: 0.4, step: 0.1 });
    expect(symmetricExtent(0)).toEqual({ max: 0.1, step: 0.1 });
  });

  it("steps without floating-point drift", () => {
    expect(steps(-0.75, 0.75, 0.25)).toEqual([-0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75]);
    expect(steps(0, 0.3, 0.1)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe("diverging segments", () => {
  const problem = [
    { key: "4", side: "left" as const },
    { key: "3", side: "left" as const },
    { key: "2", side: "right" as const },
    { key: "1", side: "right" as const },
    { key: "dont_know", side: "aside" as const },
  ];

  it("stacks the left categories outwards from the centre and the right ones the other way; vet ej is not in the bar", () => {
    const { segments, left, right } = divergingSegments(
      { "4": 0.2, "3": 0.3, "2": 0.4, "1": 0.1, dont_know: 0.15 },
      problem,
    );
    const at = (key: string) => segments.find((s) => s.key === key);
    expect(at("3")).toMatchObject({ x1: 0 });
    expect(at("3")?.x0).toBeCloseTo(-0.3);
    expect(at("4")?.x0).toBeCloseTo(-0.5);
    expect(at("4")?.x1).toBeCloseTo(-0.3);
    expect(at("2")).toMatchObject({ x0: 0 });
    expect(at("2")?.x1).toBeCloseTo(0.4);
    expect(at("1")?.x1).toBeCloseTo(0.5);
    expect(at("dont_know")).toBeUndefined();
    expect(left).toBeCloseTo(0.5);
    expect(right).toBeCloseTo(0.5);
    expect(segments.map((s) => s.key)).toEqual(["4", "3", "2", "1"]);
  });

  it("centres a neutral category on the centre line", () => {
    const trust = [
      { key: "5", side: "left" as const },
      { key: "4", side: "left" as const },
      { key: "3", side: "neutral" as const },
      { key: "2", side: "right" as const },
      { key: "1", side: "right" as const },
    ];
    const { segments, neutral } = divergingSegments({ "5": 0.2, "4": 0.3, "3": 0.2, "2": 0.2, "1": 0.1 }, trust);
    const at = (key: string) => segments.find((s) => s.key === key) as { x0: number; x1: number };
    expect(neutral).toBeCloseTo(0.2);
    expect(at("3").x0).toBeCloseTo(-0.1);
    expect(at("3").x1).toBeCloseTo(0.1);
    expect(at("4").x1).toBeCloseTo(-0.1);
    expect(at("5").x0).toBeCloseTo(-0.6);
    expect(at("2").x0).toBeCloseTo(0.1);
    expect(at("1").x1).toBeCloseTo(0.4);
  });

  it("leaves zero-width segments out and touches nothing else", () => {
    const { segments } = divergingSegments({ "4": 0, "3": 0.5, "2": 0.5, "1": 0 }, problem);
    expect(segments.map((s) => s.key)).toEqual(["3", "2"]);
  });
});

describe("ordering and placement", () => {
  it("ranks by score, highest first, keeps ties in the given order and puts unscored items last", () => {
    expect(rankOrder([0.2, null, 0.5, 0.2, null, 0.9], (s) => s)).toEqual([5, 2, 0, 3, 1, 4]);
  });

  it("treats a suppressed or incomplete figure as not shown, whatever numbers came with it", () => {
    expect(isShown({ share: 0.4, ciLow: 0.3, ciHigh: 0.5, suppressed: false })).toBe(true);
    expect(isShown({ share: 0.4, ciLow: 0.3, ciHigh: 0.5, suppressed: true })).toBe(false);
    expect(isShown({ share: null, ciLow: null, ciHigh: null, suppressed: false })).toBe(false);
    expect(isShown(undefined)).toBe(false);
  });

  it("stacks rows by the number of label lines", () => {
    expect(stackRows([1, 3, 1], { top: 10, minHeight: 30, lineHeight: 16, padding: 12 })).toEqual([
      { y: 10, height: 30 },
      { y: 40, height: 60 },
      { y: 100, height: 30 },
    ]);
  });

  it("leaves labels that do not collide where they are", () => {
    expect(
      spreadLabels(
        [
          { y: 50, height: 14 },
          { y: 10, height: 14 },
        ],
        0,
        100,
      ),
    ).toEqual([50, 10]);
  });

  it("spreads end labels so they never overlap and stay inside the plot", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ y: fc.double({ min: -50, max: 350, noNaN: true }), height: fc.integer({ min: 10, max: 30 }) }),
          {
            maxLength: 8,
          },
        ),
        (labels) => {
          const top = 0;
          const bottom = 300;
          const ys = spreadLabels(labels, top, bottom, 2);
          const boxes = labels.map((l, i) => ({
            lo: (ys[i] as number) - l.height / 2,
            hi: (ys[i] as number) + l.height / 2,
          }));
          boxes.sort((a, b) => a.lo - b.lo);
          for (const b of boxes) {
            expect(b.lo).toBeGreaterThanOrEqual(top - 1e-9);
            expect(b.hi).toBeLessThanOrEqual(bottom + 1e-9);
          }
          for (let i = 1; i < boxes.length; i++) {
            expect((boxes[i] as { lo: number }).lo).toBeGreaterThanOrEqual(
              (boxes[i - 1] as { hi: number }).hi + 2 - 1e-9,
            );
          }
        },
      ),
    );
  });

  it("flows legend boxes onto new lines when the width runs out", () => {
    expect(flowBoxes([100, 100, 100], 250, 10)).toEqual([
      { x: 0, line: 0 },
      { x: 110, line: 0 },
      { x: 0, line: 1 },
    ]);
  });

  it("fits as many panels of the minimum width as there is room for", () => {
    expect(gridColumns(640, 280, 6)).toBe(2);
    expect(gridColumns(640, 280, 1)).toBe(1);
    expect(gridColumns(200, 280, 6)).toBe(1);
    expect(gridColumns(1200, 280, 3)).toBe(3);
  });

  it("makes a plain file name from a Swedish title", () => {
    expect(fileNameFor("Andel som ser stort problem – Öckerö 2024")).toBe("andel-som-ser-stort-problem-ockero-2024");
    expect(fileNameFor("???")).toBe("diagram");
  });
});

// Colour-vision deficiency: Machado, Oliveira & Fernandes (2009), severity 1.0, applied in linear RGB.
const MACHADO = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
} as const;

function linearRgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
}

function lab([r, g, b]: readonly number[]): [number, number, number] {
  const X = (0.4124 * r! + 0.3576 * g! + 0.1805 * b!) / 0.95047;
  const Y = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  const Z = (0.0193 * r! + 0.1192 * g! + 0.9505 * b!) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}

function simulate(hex: string, matrix: readonly (readonly number[])[] | null): number[] {
  const c = linearRgb(hex);
  if (!matrix) return c;
  return matrix.map((row) => Math.min(1, Math.max(0, row[0]! * c[0] + row[1]! * c[1] + row[2]! * c[2])));
}

function minDistance(colours: readonly string[], matrix: readonly (readonly number[])[] | null): number {
  let min = Infinity;
  for (let i = 0; i < colours.length; i++) {
    for (let j = i + 1; j < colours.length; j++) {
      const [a, b] = [lab(simulate(colours[i] as string, matrix)), lab(simulate(colours[j] as string, matrix))];
      min = Math.min(min, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    }
  }
  return min;
}

describe("palette", () => {
  it("computes WCAG contrast", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1);
    expect(() => relativeLuminance("red")).toThrow();
  });

  it("gives every data colour at least 3:1 against white, and text colours at least 4.5:1", () => {
    for (const c of [...Object.values(DIVERGING), BAR, HATCH, ...SERIES]) {
      expect(contrastRatio(c, "#ffffff"), c).toBeGreaterThanOrEqual(3);
    }
    // Series colours are also the colour of their end labels.
    for (const c of [...SERIES, INK, MUTED_INK, HATCH])
      expect(contrastRatio(c, "#ffffff"), c).toBeGreaterThanOrEqual(4.5);
    // The whisker (INK) stands out against the bar it is drawn on.
    expect(contrastRatio(INK, BAR)).toBeGreaterThanOrEqual(3);
  });

  it("finds a text colour with at least 4.5:1 on every named fill", () => {
    for (const fill of [...Object.values(DIVERGING), BAR]) {
      const ink = textOn(fill);
      expect(ink, fill).not.toBeNull();
      expect(contrastRatio(fill, ink as string)).toBeGreaterThanOrEqual(4.5);
    }
    // A fill where neither dark nor white text reaches 4.5:1 gets no text.
    expect(textOn("#7a7a7a")).toBeNull();
  });

  it("keeps interpolated steps of a longer scale inside the contrast bounds", () => {
    for (const side of ["left", "right"] as const) {
      for (let i = 0; i < 4; i++) expect(contrastRatio(sideColour(side, i, 4), "#ffffff")).toBeGreaterThanOrEqual(3);
      expect(sideColour(side, 0, 2)).toBe(side === "left" ? DIVERGING.weakLeft : DIVERGING.weakRight);
      expect(sideColour(side, 1, 2)).toBe(side === "left" ? DIVERGING.strongLeft : DIVERGING.strongRight);
    }
  });

  it("keeps the diverging colours apart for normal vision and for deuteranopia, protanopia and tritanopia", () => {
    const problemScale = [DIVERGING.strongLeft, DIVERGING.weakLeft, DIVERGING.weakRight, DIVERGING.strongRight];
    for (const matrix of [null, MACHADO.deuteranopia, MACHADO.protanopia, MACHADO.tritanopia]) {
      expect(minDistance([...problemScale, DIVERGING.neutral], matrix)).toBeGreaterThan(15);
    }
  });

  it("keeps the series colours apart for red-green colour blindness", () => {
    for (const matrix of [null, MACHADO.deuteranopia, MACHADO.protanopia, MACHADO.tritanopia]) {
      expect(minDistance(SERIES, matrix)).toBeGreaterThan(10);
    }
  });

  it("varies the dash pattern once the series colours repeat", () => {
    expect(seriesStyle(0)).toEqual({ colour: SERIES[0], dash: undefined });
    expect(seriesStyle(SERIES.length).colour).toBe(SERIES[0]);
    expect(seriesStyle(SERIES.length).dash).toBeDefined();
  });
});

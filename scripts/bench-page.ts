/**
 * The survey page on a slow phone: Chromium with Lighthouse's mobile throttling (1.6 Mbit/s down, 750 kbit/s up,
 * 150 ms round trip, CPU 4× slower), a phone-sized viewport and a cold cache, against the production build.
 *
 *   npm run build && npm run bench:page [-- --runs 5 --page /e/kalix-2026 --url http://... --screenshots dir]
 *
 * Per run and as the median of the runs:
 * - bytes on the wire: every response's encoded length (headers and compressed body) as Chromium received it,
 *   until the network has been quiet for a second after the tap counted;
 * - before first paint: the document and the stylesheets Chromium marked render-blocking;
 * - FCP: the `first-contentful-paint` performance entry;
 * - tap counts: the first choice of the first question is tapped (a touch at the centre of its label) every
 *   ~100 ms from the start of navigation; the time is the page's clock (ms since navigation start) at the first
 *   check that finds the tap taken into account: SurveyJS's model holds the value (survey-react-ui marks the item
 *   `sd-item--checked` only from the model's value) or the radio is checked in a form that posts (the server-rendered
 *   form works without JavaScript). A radio checked natively inside SurveyJS's markup before hydration does not
 *   count: the model does not know it and the answer would be lost. Granularity: the polling interval plus the time
 *   a busy main thread takes to answer the check.
 * and the encoded size of each resource (median over the runs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { freePort, startServer, type RunningServer } from "./bench/server";

const { values: opt } = parseArgs({
  options: {
    url: { type: "string" },
    page: { type: "string", default: "/e/kalix-2026" },
    runs: { type: "string", default: "5" },
    screenshots: { type: "string" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    "no-throttle": { type: "boolean", default: false },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Lighthouse's "Slow 4G" mobile profile, as given in the survey page's targets. */
const THROTTLE = {
  downloadThroughput: (1.6 * 1000 * 1000) / 8, // 200,000 bytes/s
  uploadThroughput: (750 * 1000) / 8,
  latency: 150,
  cpuSlowdown: 4,
};
// Moto G Power, Lighthouse's mobile device.
const PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
  locale: "sv-SE",
};

interface Run {
  bytes: number;
  blockingBytes: number;
  fcp: number | null;
  tap: number | null;
  /** When the last script had arrived (ms since navigation start): the rest of the wait for a tap is CPU. */
  scripts: number | null;
  requests: number;
  sizes: Map<string, { kind: string; bytes: number; blocking: boolean }>;
}

async function throttle(cdp: CDPSession) {
  if (opt["no-throttle"]) return;
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: THROTTLE.latency,
    downloadThroughput: THROTTLE.downloadThroughput,
    uploadThroughput: THROTTLE.uploadThroughput,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE.cpuSlowdown });
}

/** Resolves once no request has been in flight for `quietMs`. */
function networkQuiet(inFlight: () => number, quietMs: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    let quietSince = Date.now();
    const tick = setInterval(() => {
      if (inFlight() > 0) quietSince = Date.now();
      if (Date.now() - quietSince >= quietMs || Date.now() - started > maxMs) {
        clearInterval(tick);
        resolve();
      }
    }, 50);
  });
}

/** Taps the first choice of the first question and says whether the tap counted, with the page's clock. */
async function tapFirstChoice(page: Page): Promise<{ counted: boolean; at: number } | null> {
  const target = await page
    .evaluate(() => {
      const radio = document.querySelector<HTMLInputElement>("main input[type=radio]");
      if (!radio) return null;
      const box = (radio.closest("label") ?? radio).getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return null;
      return { x: box.left + Math.min(box.width / 2, 24), y: box.top + box.height / 2 };
    })
    .catch(() => null);
  if (!target) return null;
  await page.touchscreen.tap(target.x, target.y).catch(() => undefined);
  return page
    .evaluate(() => {
      const radio = document.querySelector<HTMLInputElement>("main input[type=radio]");
      const item = radio?.closest(".sd-item");
      const byModel = !!item && item.classList.contains("sd-item--checked");
      const form = radio?.form;
      const byForm = !!radio?.checked && !!form && (form.getAttribute("method") ?? "").toLowerCase() === "post";
      return { counted: byModel || byForm, at: performance.now() };
    })
    .catch(() => null);
}

async function oneRun(browser: Browser, base: string, index: number): Promise<Run> {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await throttle(cdp);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

  const requests = new Map<string, { url: string; kind: string; blocking: boolean; bytes: number; done: boolean }>();
  cdp.on("Network.requestWillBeSent", (e) => {
    const blocking = (e as unknown as { renderBlocking?: string }).renderBlocking;
    requests.set(e.requestId, {
      url: e.request.url,
      kind: e.type ?? "Other",
      blocking: e.type === "Document" || (e.type === "Stylesheet" && blocking !== "non_blocking"),
      bytes: 0,
      done: false,
    });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
  });
  cdp.on("Network.loadingFailed", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.done = true;
  });
  cdp.on("Network.responseReceived", (e) => {
    // Chromium knows which stylesheets block rendering only from the parser; a stylesheet in the head does.
    const r = requests.get(e.requestId);
    if (r && e.type) r.kind = e.type;
  });

  const url = base + opt.page;
  const navigation = page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  let tap: number | null = null;
  const deadline = Date.now() + 60_000;
  await navigation.catch(() => undefined);
  while (Date.now() < deadline) {
    const result = await tapFirstChoice(page);
    if (result?.counted) {
      tap = result.at;
      break;
    }
    await page.waitForTimeout(100);
  }
  await page.waitForLoadState("load").catch(() => undefined);
  await networkQuiet(() => [...requests.values()].filter((r) => !r.done).length, 1000, 30_000);
  const { fcp, scripts } = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    scripts:
      Math.max(
        0,
        ...performance
          .getEntriesByType("resource")
          .filter((e) => (e as PerformanceResourceTiming).initiatorType !== "fetch" && /\.js$/.test(e.name))
          .map((e) => (e as PerformanceResourceTiming).responseEnd),
      ) || null,
  }));

  const sizes = new Map<string, { kind: string; bytes: number; blocking: boolean }>();
  let bytes = 0;
  let blockingBytes = 0;
  for (const r of requests.values()) {
    bytes += r.bytes;
    if (r.blocking) blockingBytes += r.bytes;
    const u = new URL(r.url);
    const name = u.origin === base ? u.pathname.replace(/^\/build\//, "") : r.url;
    sizes.set(name, { kind: r.kind, bytes: (sizes.get(name)?.bytes ?? 0) + r.bytes, blocking: r.blocking });
  }
  if (opt.screenshots && index === 0) {
    fs.mkdirSync(opt.screenshots, { recursive: true });
    await page.screenshot({ path: path.join(opt.screenshots, "survey-js.png") });
  }
  await context.close();
  return { bytes, blockingBytes, fcp, tap, scripts, requests: requests.size, sizes };
}

/** The first screen as the server renders it, without JavaScript (for checking that it reads and looks right). */
async function screenshotWithoutJs(browser: Browser, base: string, dir: string) {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + opt.page, { waitUntil: "load" });
  await page.screenshot({ path: path.join(dir, "survey-nojs.png") });
  await page.screenshot({ path: path.join(dir, "survey-nojs-full.png"), fullPage: true });
  await context.close();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
// KiB, as bench:weight counts.
const kB = (n: number) => (n / 1024).toFixed(1);
const ms = (n: number | null) => (n === null || Number.isNaN(n) ? "–" : String(Math.round(n)));

async function main() {
  let server: RunningServer | null = null;
  let dir: string | null = null;
  let base = opt.url;
  if (!base) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "td-bench-page-"));
    console.error("starting the production server on a fresh demo database (about 20 s)...");
    server = await startServer({
      command: ["node", "server.mjs"],
      port: await freePort(),
      env: { PGLITE_DIR: path.join(dir, "pglite"), LOG_LEVEL: "silent", DATABASE_URL: "" },
      stdout: "ignore",
      cwd: root,
      healthTimeoutMs: 180_000,
      pollMs: 500,
    });
    base = server.url;
  }
  const browser = await chromium.launch({
    executablePath: opt.chromium,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  try {
    // One unmeasured load warms the server (its first render compiles the survey's plan), not the browser.
    await fetch(base + opt.page).then((r) => r.text());
    const runs: Run[] = [];
    const n = Number(opt.runs);
    console.log(
      `${opt.page}, ${opt["no-throttle"] ? "no throttling" : "1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, CPU 4× slower"}, ` +
        `${PHONE.viewport.width}×${PHONE.viewport.height} touch, cold cache; ${new Date().toISOString().slice(0, 16)}Z\n`,
    );
    console.log(
      "| run | all bytes (kB) | document + render-blocking CSS (kB) | FCP (ms) | scripts arrived (ms) | tap counts (ms) | requests |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (let i = 0; i < n; i++) {
      const r = await oneRun(browser, base, i);
      runs.push(r);
      console.log(
        `| ${i + 1} | ${kB(r.bytes)} | ${kB(r.blockingBytes)} | ${ms(r.fcp)} | ${ms(r.scripts)} | ${ms(r.tap)} | ${r.requests} |`,
      );
    }
    const num = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    const tapsMissing = runs.filter((r) => r.tap === null).length;
    console.log(
      `| **median** | **${kB(median(runs.map((r) => r.bytes)))}** | **${kB(median(runs.map((r) => r.blockingBytes)))}** | ` +
        `**${ms(median(num(runs.map((r) => r.fcp))))}** | ${ms(median(num(runs.map((r) => r.scripts))))} | ` +
        `**${ms(median(num(runs.map((r) => r.tap))))}**` +
        `${tapsMissing ? ` (${tapsMissing} runs never counted)` : ""} | ${median(runs.map((r) => r.requests))} |`,
    );

    console.log("\nEncoded size per resource (median of the runs, kB as received, headers included):\n");
    console.log("| resource | type | render-blocking | kB |");
    console.log("|---|---|---|---:|");
    const names = new Map<string, { kind: string; blocking: boolean }>();
    for (const r of runs) for (const [name, s] of r.sizes) names.set(name, { kind: s.kind, blocking: s.blocking });
    const rows = [...names].map(([name, info]) => ({
      name,
      ...info,
      bytes: median(runs.map((r) => r.sizes.get(name)?.bytes ?? 0)),
    }));
    rows.sort((a, b) => b.bytes - a.bytes);
    for (const row of rows)
      console.log(`| \`${row.name}\` | ${row.kind} | ${row.blocking ? "yes" : ""} | ${kB(row.bytes)} |`);

    if (opt.screenshots) {
      await screenshotWithoutJs(browser, base, opt.screenshots);
      console.log(`\nScreenshots in ${opt.screenshots}: survey-js.png (after the runs' first), survey-nojs*.png`);
    }
  } finally {
    await browser.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

// npm test: typecheck, lint, build, Vitest (unit; integration on PGlite, and again on PostgreSQL when one
// answers), Playwright end to end in Debian's Chromium. Ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
fs.mkdirSync(".cache", { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(cmd, args, env = {}) {
  console.log(`\n$ ${[cmd, ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

function step(name, ok) {
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? "ok  " : "FAIL"} ${name}`);
}

function vitest(name, project, env = {}) {
  const out = `.cache/vitest-${name}.json`;
  fs.rmSync(out, { force: true });
  const ok = run(
    "npx",
    ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    env,
  );
  if (!fs.existsSync(out)) {
    step(`${name}: vitest did not report`, false);
    return;
  }
  const r = JSON.parse(fs.readFileSync(out, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A file that fails to load has no failed test but a failed suite; count it.
  const brokenFiles = r.testResults.filter(
    (t) => t.status === "failed" && t.assertionResults.every((a) => a.status !== "failed"),
  ).length;
  failed += brokenFiles;
  summary.push(`${ok ? "ok  " : "FAIL"} ${name}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed`);
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = candidates.find((c) => fs.existsSync(c));
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's chromium (apt-get install -y chromium) ...");
    let ok = run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
      DEBIAN_FRONTEND: "noninteractive",
    });
    if (!ok)
      ok =
        run("apt-get", ["update"]) &&
        run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { DEBIAN_FRONTEND: "noninteractive" });
    if (ok && fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error(
    "\nMissing: Chromium for the end-to-end tests. Install Debian's package as root (apt-get install -y chromium)" +
      " or set CHROMIUM_PATH to a Chromium binary. A browser download by Playwright cannot work on these machines.",
  );
  return null;
}

/** A free TCP port on 127.0.0.1 for the end-to-end server (3210 unless that one is taken). */
function freePort(preferred = 3210) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const { port: got } = srv.address();
        srv.close(() => resolve(got));
      });
    });
  return tryPort(preferred).then((p) => p ?? tryPort(0));
}

function postgresAnswers() {
  const url = process.env.TEST_DATABASE_URL;
  let host = "127.0.0.1";
  let port = 5432;
  if (url) {
    const u = new URL(url);
    host = u.hostname;
    port = Number(u.port || 5432);
  }
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1500 });
    s.on("connect", () => (s.destroy(), resolve(true)));
    s.on("error", () => resolve(false));
    s.on("timeout", () => (s.destroy(), resolve(false)));
  });
}

step("typecheck (tsc --noEmit)", run("npx", ["tsc", "--noEmit"]));
step("lint (eslint, prettier --check)", run("npm", ["run", "--silent", "lint"]));
const built = run("npm", ["run", "build"]);
step("build (npm run build)", built);

vitest("unit", "unit");
if (built) {
  vitest("integration (PGlite)", "integration", { TEST_DB: "pglite" });
  if (await postgresAnswers()) {
    vitest("integration (PostgreSQL)", "integration", { TEST_DB: "postgres" });
  } else {
    summary.push("skip integration (PostgreSQL): no server answers on TEST_DATABASE_URL or 127.0.0.1:5432");
  }
  const chromium = findChromium();
  if (!chromium) step("end-to-end: Chromium missing", false);
  else {
    const out = ".cache/e2e-results.json";
    fs.rmSync(out, { force: true });
    const port = process.env.E2E_PORT ?? String(await freePort());
    const ok = run("npx", ["playwright", "test"], { CHROMIUM_PATH: chromium, E2E_PORT: port });
    if (fs.existsSync(out)) {
      const s = JSON.parse(fs.readFileSync(out, "utf8")).stats;
      passed += s.expected + s.flaky;
      failed += s.unexpected;
      summary.push(
        `${ok ? "ok  " : "FAIL"} end-to-end (Playwright, Chromium): ${s.expected + s.flaky} passed, ${s.unexpected} failed`,
      );
      if (!ok && s.unexpected === 0) step("end-to-end run", false);
    } else step("end-to-end: Playwright did not report", false);
  }
}

console.log("\n" + summary.join("\n"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** The local SMTP server the app's mails go to (scripts/mail-sink.mjs), writing them to MAIL_DIR. */
export const MAIL_PORT = PORT + 1;
export const MAIL_DIR = `.cache/e2e-mail-${PORT}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// End-to-end tests drive Debian's Chromium against the production build on a fresh embedded database
// (seeded with the demo data at first start, as a newcomer's first run would be).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.E2E_RESULTS ?? ".cache/e2e-results.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "sv-SE",
    trace: "off",
    launchOptions: {
      executablePath: chromium,
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
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, grep: /@phone/ },
  ],
  webServer: [
    {
      command: `node scripts/mail-sink.mjs --port ${MAIL_PORT} --dir ${MAIL_DIR}`,
      port: MAIL_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `rm -rf .cache/e2e-db-${PORT} && node server.mjs`,
      url: `http://127.0.0.1:${PORT}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: {
        PORT: String(PORT),
        HOST: "127.0.0.1",
        PGLITE_DIR: `.cache/e2e-db-${PORT}`,
        DATABASE_URL: "",
        LOG_LEVEL: "silent",
        NODE_ENV: "production",
        SUBMIT_RATE_LIMIT: "0",
        SMTP_URL: `smtp://127.0.0.1:${MAIL_PORT}`,
        MAIL_OUTBOX_SECONDS: "1",
      },
    },
  ],
});

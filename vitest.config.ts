import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(__dirname, "app") };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "scripts/**/*.test.ts"],
          // Every locale's messages, as on the server (the browser loads only the one picked).
          setupFiles: ["tests/support/catalogues-setup.ts"],
          environment: "node",
          globals: true,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globals: true,
          pool: "forks",
          // Two files at a time even on a two-core machine: a file waits on its database (PostgreSQL's processes,
          // or PGlite between statements) and on HTTP much of the time (docs/benchmarks.md, test-suite time).
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/support/catalogues-setup.ts"],
          env: { LOG_LEVEL: "silent", AUTO_SEED: "never", NODE_ENV: "test" },
        },
      },
    ],
  },
});

// The embedded database's memory (issue 4, "app process under 300 MB"): PGlite runs Postgres inside the app's
// process, in WebAssembly memory that never shrinks. Opening a new data folder must not leave initdb's two extra
// WebAssembly instances in this process (they held ~430 MB), and Postgres's buffer pool must stay small (PGlite
// touches all of it at start). PGlite only, in either pass; numbers in docs/benchmarks.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "~/utils/db.server";

const MB = 2 ** 20;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

it("a new data folder is created without keeping initdb's memory, with a small buffer pool, and opens again", { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "td-pglite-memory-"));
  dirs.push(dir);
  const externalBefore = process.memoryUsage().external;
  const open = await openDatabase({ dir });
  try {
    expect(open.freshEmbedded).toBe(true);
    const { rows } = await sql<{ shared_buffers: string }>`select current_setting('shared_buffers') as shared_buffers`.execute(open.db);
    expect(rows[0]!.shared_buffers).toBe("16MB");
    await sql`create table kept (n int)`.execute(open.db);
    await sql`insert into kept values (42)`.execute(open.db);
    // PGlite's memory starts at 128 MB and grew to 189 MB with the default 128MB buffer pool.
    expect(open.wasmMemoryBytes!() / MB).toBeLessThanOrEqual(160);
    // Everything outside the JS heap: this instance's memory (128 MB) and buffers; initdb in this process added ~430 MB.
    expect((process.memoryUsage().external - externalBefore) / MB).toBeLessThan(250);
  } finally {
    await open.close();
  }
  const again = await openDatabase({ dir });
  try {
    expect(again.freshEmbedded).toBe(false);
    const { rows } = await sql<{ n: number }>`select n from kept`.execute(again.db);
    expect(rows).toEqual([{ n: 42 }]);
  } finally {
    await again.close();
  }
  expect(fs.existsSync(path.join(dir, "trygghetsdialog.lock"))).toBe(false);
});

// Shared by the benchmarks: a throwaway PostgreSQL database, created on a local server and dropped afterwards.
import crypto from "node:crypto";
import pg from "pg";

/** The server the benchmarks create their databases on: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else local. */
export function benchAdminUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
}

export interface ThrowawayDatabase {
  /** `td_bench_<random>`. */
  name: string;
  /** The connection string of the new database. */
  url: string;
  drop(): Promise<void>;
}

async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** Creates `td_bench_<random>` on `adminUrl`'s server. */
export async function createThrowawayDatabase(adminUrl = benchAdminUrl()): Promise<ThrowawayDatabase> {
  const name = `td_bench_${crypto.randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

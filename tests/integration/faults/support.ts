// Shared by the fault tests: an open survey in a given database, the production server as a child process
// (node server.mjs, exactly as operators start it), a submitting client that records what it was told, and the
// check of what the database holds afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { canonicalJson } from "~/features/surveys/responses.server";
import { encodeChoiceAnswers, compileValidationPlan } from "~/features/surveys/validation.server";
import { createSurvey, setSurveyStatus } from "~/features/surveys/surveys.server";
import { getOrganisationBySlug } from "~/features/accounts/organisations.server";
import { sha256 } from "~/platform/crypto.server";
import type { OpenDatabase } from "~/platform/db.server";
import { migrateToLatest } from "../../../db/migrate";
import { seedDemo } from "../../../db/seed/index";
import {
  DEMO_PROFILES,
  generateAnswerList,
  profileAreaChoices,
  standardCitizenDefinition,
} from "../../../db/seed/synthetic";
import { areaSettings } from "../../support/kommun-surveys";
import { freePort } from "../../support/pg-cluster";
import { makeTarget, type Target } from "./target";

export const root = path.resolve(__dirname, "../../..");

export interface FaultSurvey {
  surveyId: number;
  slug: string;
  definition: Record<string, unknown>;
  answers: Record<string, unknown>[];
}

/** Migrates, seeds the organisations (no demo surveys) and opens one standard citizen survey; n answers to send. */
export async function prepareSurvey(open: OpenDatabase, n: number, seed = 7): Promise<FaultSurvey> {
  await migrateToLatest(open.db);
  await seedDemo({ db: open.db, withSurveys: false });
  const profile = DEMO_PROFILES.pajala!;
  const areas = profileAreaChoices(profile);
  const definition = standardCitizenDefinition(profile, areas) as unknown as Record<string, unknown>;
  const kommun = await getOrganisationBySlug({ db: open.db, slug: profile.kommun, kind: "kommun" });
  const created = await createSurvey({
    db: open.db,
    kommunId: kommun.id,
    kommunSlug: kommun.slug,
    period: "2026",
    kind: "medborgarenkat",
    title: "Trygghetsenkät 2026 (feltest)",
    definition,
    settings: {
      areas: areaSettings(areas),
      demographics: { area: "area", age_band: "age_band", gender: "gender" },
    },
  });
  await setSurveyStatus({ db: open.db, surveyId: created.id, status: "open" });
  const answers = generateAnswerList({ seed, count: n, profile, areas, definition: definition as never }) as Record<
    string,
    unknown
  >[];
  return { surveyId: created.id, slug: created.slug, definition, answers };
}

export interface ServerChild {
  url: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** SIGTERM and wait (SIGKILL after 15 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node server.mjs` (the production build in TD_BUILD_DIR) on a free port of 127.0.0.1 and waits until
 * /healthz answers 200. With `waitHealthy: false` it returns at once (for a process that is expected to fail).
 */
export async function startServer(
  env: Record<string, string>,
  { waitHealthy = true, timeoutMs = 60_000 } = {},
): Promise<ServerChild> {
  const port = await freePort();
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      SUBMIT_RATE_LIMIT: "0",
      LOG_LEVEL: "silent",
      AUTO_SEED: "never",
      DATABASE_URL: "",
      TD_BUILD_DIR: process.env.TD_BUILD_DIR ?? "build",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  // Never leave a server behind if the test process ends first (a time-out, a crash).
  process.once("exit", () => {
    if (running) child.kill("SIGKILL");
  });
  const url = `http://127.0.0.1:${port}`;
  const server: ServerChild = {
    url,
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    isRunning: () => running,
    stop: async () => {
      if (!running) return exited;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
  if (!waitHealthy) return server;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!running) {
      const hint = /corrupted migrations|migration .* is missing/i.test(out)
        ? `\nThe build in ${process.env.TD_BUILD_DIR ?? "build"} is older than the migrations in db/: rebuild it (npx remix build).`
        : "";
      throw new Error(`server.mjs exited before it was healthy:\n${out}${hint}`);
    }
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return server;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server.mjs did not become healthy within ${timeoutMs} ms:\n${out}`);
    }
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a client was told for one send: an HTTP status, or 0 when no answer came (refused, reset, time-out). */
export interface Outcome {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  body: unknown;
  ms: number;
  error?: string;
}

/** One answer as the browser's outbox keeps it: an id made once, the same body on every retry. */
export interface Pending {
  id: string;
  data: Record<string, unknown>;
  outcomes: Outcome[];
}

export function newPending(data: Record<string, unknown>): Pending {
  return { id: crypto.randomUUID(), data, outcomes: [] };
}

export const acknowledged = (p: Pending) => p.outcomes.some((o) => o.status === 200 || o.status === 201);

/** Sends one answer (POST /api/v1/surveys/:slug/responses) and records the outcome; never throws. */
export async function send(base: string, slug: string, p: Pending, timeoutMs = 15_000): Promise<Outcome> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const res = await fetch(`${base}/api/v1/surveys/${slug}/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: p.id, data: p.data, locale: "sv", channel: "web" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: kept as text for the assertion message */
    }
    outcome = {
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      contentType: res.headers.get("content-type"),
      body,
      ms: performance.now() - started,
    };
  } catch (err) {
    outcome = {
      status: 0,
      retryAfter: null,
      contentType: null,
      body: null,
      ms: performance.now() - started,
      error: String((err as Error).cause ?? err),
    };
  }
  p.outcomes.push(outcome);
  return outcome;
}

/** Sends each answer in turn with `concurrency` clients until `shouldStop()`; returns the ones sent. */
export async function stream(
  base: string,
  slug: string,
  answers: Record<string, unknown>[],
  {
    concurrency = 4,
    shouldStop = () => false,
    pauseMs = 0,
    sent = [],
  }: {
    concurrency?: number;
    shouldStop?: () => boolean;
    pauseMs?: number;
    /** filled as answers are sent */ sent?: Pending[];
  },
): Promise<Pending[]> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < answers.length && !shouldStop()) {
        const p = newPending(answers[next++]!);
        sent.push(p);
        await send(base, slug, p);
        if (pauseMs) await sleep(pauseMs);
      }
    }),
  );
  return sent;
}

/**
 * stream() in the background until stop(): `sent` fills as answers go out, `done` resolves with them once the
 * clients have stopped, and `acknowledged(n)` waits until n answers are acknowledged (or `ms` pass, or `alive()`
 * turns false, e.g. the server died).
 */
export function backgroundStream(
  base: string,
  slug: string,
  answers: Record<string, unknown>[],
  opts: { concurrency?: number; pauseMs?: number } = {},
) {
  let stopping = false;
  const sent: Pending[] = [];
  const done = stream(base, slug, answers, { ...opts, shouldStop: () => stopping, sent });
  return {
    sent,
    done,
    stop() {
      stopping = true;
    },
    async acknowledged(n: number, { ms = 60_000, alive = () => true }: { ms?: number; alive?: () => boolean } = {}) {
      const deadline = Date.now() + ms;
      while (alive() && Date.now() < deadline && sent.filter(acknowledged).length < n) await sleep(10);
    },
  };
}

/** The client's retries: each answer not yet acknowledged is sent again with the same id and data. */
export async function retryUnacknowledged(base: string, slug: string, all: Pending[], attempts = 3): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const open = all.filter((p) => !acknowledged(p));
    if (open.length === 0) return;
    for (const p of open) await send(base, slug, p);
  }
}

export interface StorageCheck {
  rows: number;
  /** Acknowledged ids without a row. */
  lost: string[];
  /** Ids with more than one row (the primary key should make this impossible). */
  doubled: string[];
  /** Rows whose data, hash, codes, demographics or version do not match what was sent. */
  broken: string[];
  /** Rows whose id was never sent by this test. */
  foreign: string[];
}

/**
 * Reads every row of the survey and checks it against what the client sent: present once when acknowledged, the
 * stored data equal to the sent answer, data_hash the hash of that data, the codes array exactly the codebook codes
 * of the data's choices, demographics copied from the data, and the survey's current version.
 */
export async function checkStorage(open: OpenDatabase, survey: FaultSurvey, sent: Pending[]): Promise<StorageCheck> {
  const rows = await open.db
    .selectFrom("response")
    .select(["id", "data", "data_hash", "codes", "version_id", "area", "age_band", "gender", "submitted_on"])
    .where("survey_id", "=", survey.surveyId)
    .execute();
  const versionId = (
    await open.db
      .selectFrom("survey")
      .select("current_version_id")
      .where("id", "=", survey.surveyId)
      .executeTakeFirstOrThrow()
  ).current_version_id;
  const codebook = new Map(
    (
      await open.db
        .selectFrom("choice_code")
        .select(["question", "value", "code"])
        .where("survey_id", "=", survey.surveyId)
        .execute()
    ).map((c) => [`${c.question}\u0000${c.value}`, c.code]),
  );
  const plan = compileValidationPlan(survey.definition);
  const byId = new Map(sent.map((p) => [p.id, p]));
  const count = new Map<string, number>();
  const broken: string[] = [];
  const foreign: string[] = [];
  for (const r of rows) {
    count.set(r.id, (count.get(r.id) ?? 0) + 1);
    const p = byId.get(r.id);
    if (!p) {
      foreign.push(r.id);
      continue;
    }
    const data = r.data as Record<string, unknown>;
    const expectedCodes = encodeChoiceAnswers(plan, data).map((pair) =>
      codebook.get(`${pair.question}\u0000${pair.value}`),
    );
    const ok =
      canonicalJson(data) === canonicalJson(p.data) &&
      r.data_hash === sha256(canonicalJson(data)) &&
      JSON.stringify(r.codes) === JSON.stringify(expectedCodes) &&
      expectedCodes.every((c) => typeof c === "number") &&
      r.version_id === versionId &&
      r.area === (typeof data.area === "string" ? data.area : null) &&
      r.age_band === (typeof data.age_band === "string" ? data.age_band : null) &&
      r.gender === (typeof data.gender === "string" ? data.gender : null) &&
      /^\d{4}-\d{2}-\d{2}$/.test(String(r.submitted_on));
    if (!ok) broken.push(r.id);
  }
  return {
    rows: rows.length,
    lost: sent.filter((p) => acknowledged(p) && !count.has(p.id)).map((p) => p.id),
    doubled: [...count].filter(([, n]) => n > 1).map(([id]) => id),
    broken,
    foreign,
  };
}

/** Every status the client saw, counted ("0" = no answer at all). */
export function statusCounts(sent: Pending[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const p of sent) for (const o of p.outcomes) c[o.status] = (c[o.status] ?? 0) + 1;
  return c;
}

/** One fault test's database with its survey, and the servers it starts (each stopped after the test). */
export interface FaultRun {
  readonly target: Target;
  readonly survey: FaultSurvey;
  start(env: Record<string, string>, opts?: { waitHealthy?: boolean; timeoutMs?: number }): Promise<ServerChild>;
}

/** Registers a fault test's set-up: a target on `engine` with a survey of `n` answers (seeded), and the clean-up. */
export function setUpFaultRun(engine: "pglite" | "postgres", n: number, seed: number, prefix?: string): FaultRun {
  const servers: ServerChild[] = [];
  const run = {
    target: undefined as unknown as Target,
    survey: undefined as unknown as FaultSurvey,
    async start(env: Record<string, string>, opts?: { waitHealthy?: boolean; timeoutMs?: number }) {
      const server = await startServer(env, opts);
      servers.push(server);
      return server;
    },
  };
  beforeAll(async () => {
    run.target = await makeTarget(engine, prefix);
    const open = await run.target.open();
    try {
      run.survey = await prepareSurvey(open, n, seed);
    } finally {
      await open.close();
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await run.target?.cleanup();
  });
  return run;
}

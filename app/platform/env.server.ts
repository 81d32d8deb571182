import { z } from "zod";

const schema = z.object({
  /** Remix's mode for the request handler; `remix dev` sets development, the tests set test. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address the server listens on (docs/operations.md). */
  HOST: z.string().min(1).default("0.0.0.0"),
  /**
   * Worker processes with PostgreSQL: a number, or "auto" for one per core; unset, one process (docs/scaling.md).
   * Ignored with the embedded database, which allows one process.
   */
  WEB_CONCURRENCY: z
    .string()
    .optional()
    .transform((v, ctx): number | "auto" | undefined => {
      if (!v) return undefined;
      if (v === "auto") return v;
      const n = Number(v);
      if (Number.isInteger(n) && n >= 1) return n;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "a number of processes (1 or more), or auto" });
      return z.NEVER;
    }),
  /**
   * Where the server build is (build/index.js by default). server.mjs must read this one before the build, and so
   * before this schema, is loaded; it is here so that it is documented and checked with the rest.
   */
  TD_BUILD_DIR: z.string().min(1).default("build"),
  /** Where the browser build is (served at /build/). */
  TD_ASSETS_DIR: z.string().min(1).default("public/build"),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DIR: z.string().default("./data/pglite"),
  /** Submissions per minute per source address (a keyed hash, new key every day); 0 turns the limit off. */
  SUBMIT_RATE_LIMIT: z.coerce.number().int().min(0).default(120),
  /**
   * The secret the day's address key is derived from (HMAC of the date), shared by every app server of one database
   * so they count rate limits together. Unset: a random secret per process, so each process counts on its own.
   */
  ADDRESS_KEY_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /**
   * Failed sign-ins (and current-password checks) allowed within the window before a lock-out: per account and
   * address pair (a guesser locks only itself), per account from all addresses and per address over all accounts
   * (both high, so that locking out someone else or a whole office takes many addresses or many failures).
   */
  LOGIN_MAX_FAILURES_PAIR: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_ACCOUNT: z.coerce.number().int().min(1).default(100),
  LOGIN_MAX_FAILURES_ADDRESS: z.coerce.number().int().min(1).default(100),
  SESSION_DAYS: z.coerce.number().min(0.0001).default(7),
  /** A session not used for this long ends (besides SESSION_DAYS after sign-in). */
  SESSION_IDLE_HOURS: z.coerce.number().min(0.001).default(8),
  /**
   * The public address of the app (scheme, host, optional port), used for every absolute link it hands out
   * (invitation links, QR codes, posters), never the request's Host header. Default: http://localhost:PORT.
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine(
      (u) =>
        /^https?:$/.test(new URL(u).protocol) &&
        new URL(u).pathname === "/" &&
        !new URL(u).search &&
        !new URL(u).hash &&
        !new URL(u).username,
      {
        message: "an http(s) origin such as https://trygghet.example.se, without a path",
      },
    )
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /**
   * Where mail is sent (subscriptions to a kommun's updates): an SMTP URL such as smtp://user:pass@mail.example.se:587
   * or smtps://…:465. Unset: mails wait in the database's outbox until it is set.
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:$/.test(new URL(u).protocol), { message: "an smtp:// or smtps:// URL" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The contact e-mail in the open data's DCAT-AP-SE metadata (the portal asks for one); unset: the public page. */
  OPEN_DATA_CONTACT_EMAIL: z
    .string()
    .email()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The sender of those mails. */
  MAIL_FROM: z.string().min(3).default("Trygghetsdialog <no-reply@localhost>"),
  /** Seconds between runs of the mail outbox (0 turns sending off). */
  MAIL_OUTBOX_SECONDS: z.coerce.number().min(0).default(30),
  /** The lowest level logged (app/platform/log.server.ts); silent writes errors only (tests). */
  LOG_LEVEL: z.enum(["silent", "error", "warn", "info", "debug"]).default("info"),
  /** Seconds between background folds of new answers into the results aggregates (ADR 011); 0 turns them off. */
  RESULTS_PREFOLD_SECONDS: z.coerce.number().min(0).default(60),
  /** Seed demo data automatically at first start on the embedded database. */
  AUTO_SEED: z.enum(["auto", "never"]).default("auto"),
  /** Secure cookies need HTTPS; off for local http. */
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | null = null;

/** Validates an environment; throws one readable message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

/** The validated environment, read once. Throws with a readable message on bad values. */
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/** The app's public origin (PUBLIC_URL, else http://localhost:PORT), without a trailing slash. */
export function publicOrigin(): string {
  const e = env();
  return e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : `http://localhost:${e.PORT}`;
}

/** An absolute link to a path of the app, built from the configured public origin (never the Host header). */
export function publicUrl(path: string): string {
  return publicOrigin() + (path.startsWith("/") ? path : `/${path}`);
}

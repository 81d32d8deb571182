import { DEMO_PASSWORD } from "../../db/seed/organisations";
import { Browser } from "./app-server";

/** A browser signed in to the app at `url` as `email`. */
export async function signIn(url: string, email: string, password: string): Promise<Browser> {
  const b = new Browser(url);
  await b.login(email, password);
  return b;
}

/** One signed-in browser per key, signed in one after the other (the password is the same for all). */
export async function signInAll<K extends string>(
  url: string,
  logins: Record<K, string>,
  password: string,
): Promise<Record<K, Browser>> {
  const out = {} as Record<K, Browser>;
  for (const [k, email] of Object.entries(logins) as [K, string][]) out[k] = await signIn(url, email, password);
  return out;
}

/** The demo seed's accounts (db/seed) by the part the tests give them: Haparanda's and its LPO's unless named. */
export const DEMO_LOGINS = {
  analyst: "analytiker@haparanda.example",
  kommun: "redaktor@haparanda.example",
  polis: "kommunpolis@ostranorrbotten.example",
  lpoAnalyst: "analytiker@ostranorrbotten.example",
  viewer: "lasare@haparanda.example",
  kalix: "redaktor@kalix.example",
  admin: "admin@trygghetsdialog.example",
  hPolis: "polis@harjedalen.example",
} as const;
export type DemoRole = keyof typeof DEMO_LOGINS;

/** One signed-in browser per demo account named, by its DEMO_LOGINS key. */
export function signInDemo<K extends DemoRole>(url: string, roles: readonly K[]): Promise<Record<K, Browser>> {
  const logins = {} as Record<K, string>;
  for (const r of roles) logins[r] = DEMO_LOGINS[r];
  return signInAll(url, logins, DEMO_PASSWORD);
}

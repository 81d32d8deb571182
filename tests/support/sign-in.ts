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

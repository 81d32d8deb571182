import { useT } from "~/i18n/use-t";

import type { Lockout } from "~/features/accounts/index.server";

/** A lock-out as the page shows it (the loader's JSON of login-throttle's Lockout). */
export type LockoutRow = Lockout;

/** Sign-in lock-outs in force, for admins: who, since and until when, how many failures; never an address. */
export function LockoutList({ lockouts }: { lockouts: LockoutRow[] }) {
  const t = useT();
  return (
    <section aria-labelledby="lockouts-heading">
      <h2 id="lockouts-heading">{t("staff.lockouts.title")}</h2>
      <p className="hint">{t("staff.lockouts.intro")}</p>
      {lockouts.length === 0 ? (
        <p>{t("staff.lockouts.none")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="lockouts-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("staff.lockouts.account")}</th>
                <th scope="col">{t("staff.lockouts.since")}</th>
                <th scope="col">{t("staff.lockouts.until")}</th>
                <th scope="col" className="num">
                  {t("staff.lockouts.failures")}
                </th>
                <th scope="col">{t("staff.lockouts.scope")}</th>
              </tr>
            </thead>
            <tbody>
              {lockouts.map((l) => (
                <tr key={l.email}>
                  <td>
                    {l.displayName} ({l.email})
                  </td>
                  <td>{l.since}</td>
                  <td>{l.until}</td>
                  <td className="num">{l.failures}</td>
                  <td>
                    {l.everywhere
                      ? t("staff.lockouts.everywhere")
                      : t("staff.lockouts.someAddresses", { n: l.addresses })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

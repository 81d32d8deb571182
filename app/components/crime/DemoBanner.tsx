import { useT } from "~/i18n/use-t";

/** The banner on every page whose crime figures are invented demo data: "Påhittade demosiffror". */
export function DemoBanner() {
  const t = useT();
  return (
    <div className="notice demo-banner" role="note">
      <p>
        <strong>{t("crime.demoBanner")}</strong>
      </p>
      <p>{t("crime.demoBannerText")}</p>
    </div>
  );
}

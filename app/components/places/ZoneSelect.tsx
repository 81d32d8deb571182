/**
 * The zone a record happens in, as a plain <select> of the kommun's zones by name (works without JavaScript, one
 * labelled control with its hint). The empty choice is "no zone". Nothing is drawn when the kommun has no zones.
 */
import { ZONE_FIELD } from "~/features/places/index";
import { useT } from "~/i18n/use-t";

export function ZoneSelect({
  id,
  zones,
  value,
}: {
  /** The element's id; the form field is always `zoneId`. */
  id: string;
  zones: readonly { id: number; name: string }[];
  value?: number | null;
}) {
  const t = useT();
  if (!zones.length) return null;
  return (
    <div className="stack">
      <label htmlFor={id}>{t("places.link.label")}</label>
      <select id={id} name={ZONE_FIELD} defaultValue={value ?? ""} aria-describedby={`${id}-hint`}>
        <option value="">{t("places.link.none")}</option>
        {zones.map((z) => (
          <option key={z.id} value={z.id}>
            {z.name}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {t("places.link.hint")}
      </p>
    </div>
  );
}

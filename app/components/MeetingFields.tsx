import { THEME_KEYS, THEMES } from "~/features/surveys/index";
import { MEETING_KINDS, PARTICIPANT_CATEGORIES } from "~/features/dialogue/index";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/i18n";
import { ZoneSelect } from "~/components/places/ZoneSelect";

export interface MeetingValues {
  kind: string;
  heldOn: string;
  place: string;
  participants: Record<string, number>;
  notes: string;
  themes: { theme: string; raisedBy: number; votes: number | null }[];
  zoneId: number | null;
}

/**
 * The fields of a meeting (create and edit): kind, date, place and the kommun's zone it was in, participants by
 * category, themes, notes.
 */
export function MeetingFields({
  values,
  zones,
}: {
  values?: MeetingValues;
  zones: readonly { id: number; name: string }[];
}) {
  const t = useT();
  const theme = (k: string) => values?.themes.find((x) => x.theme === k);
  const label = (k: (typeof THEME_KEYS)[number]) => THEMES[k].label[t.locale === "en" ? "en" : "sv"];
  return (
    <>
      <label htmlFor="kind">{t("dialog.meet.kind")}</label>
      <select id="kind" name="kind" defaultValue={values?.kind ?? "medborgardialog"}>
        {MEETING_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`dialog.meet.kind.${k}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor="heldOn">{t("dialog.meet.heldOn")}</label>
      <input id="heldOn" name="heldOn" type="date" required defaultValue={values?.heldOn ?? ""} />
      <label htmlFor="place">{t("dialog.meet.place")}</label>
      <input id="place" name="place" maxLength={300} defaultValue={values?.place ?? ""} />
      <ZoneSelect id="zoneId" zones={zones} value={values?.zoneId} />
      <fieldset>
        <legend>{t("dialog.meet.participants")}</legend>
        <p className="hint">{t("dialog.meet.participantsHint")}</p>
        {PARTICIPANT_CATEGORIES.map((c) => (
          <div key={c}>
            <label htmlFor={`p-${c}`}>{t(`dialog.meet.cat.${c}` as MessageKey)}</label>
            <input
              id={`p-${c}`}
              name={`p-${c}`}
              type="number"
              min={0}
              inputMode="numeric"
              defaultValue={values?.participants[c] ?? ""}
            />
          </div>
        ))}
      </fieldset>
      <table>
        <caption>{t("dialog.meet.themes")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dialog.meet.theme")}</th>
            <th scope="col">{t("dialog.meet.raisedBy")}</th>
            <th scope="col">{t("dialog.meet.votes")}</th>
          </tr>
        </thead>
        <tbody>
          {THEME_KEYS.map((k) => (
            <tr key={k}>
              <th scope="row" id={`theme-${k}`}>
                {label(k)}
              </th>
              <td>
                <input
                  name={`raised-${k}`}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  aria-label={`${label(k)}: ${t("dialog.meet.raisedBy")}`}
                  defaultValue={theme(k)?.raisedBy || ""}
                />
              </td>
              <td>
                <input
                  name={`votes-${k}`}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  aria-label={`${label(k)}: ${t("dialog.meet.votes")}`}
                  defaultValue={theme(k)?.votes ?? ""}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label htmlFor="notes">{t("dialog.meet.notes")}</label>
      <p id="notes-hint" className="hint">
        {t("dialog.meet.notesHint")}
      </p>
      <textarea id="notes" name="notes" rows={5} aria-describedby="notes-hint" defaultValue={values?.notes ?? ""} />
    </>
  );
}

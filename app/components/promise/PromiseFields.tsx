import { useState, type FormEvent } from "react";
import {
  ACTIVITY_TYPES,
  ACTIVITY_TYPE_KEYS,
  PERIODS,
  isMeasurable,
  measurabilitySuggestion,
  renderPromiseSv,
  type PromiseSnapshot,
  type Target,
} from "~/features/promises/index";
import { parsePromiseForm } from "~/features/promises/index";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ZoneSelect } from "~/components/places/ZoneSelect";

/** A promise's form fields (a stored promise's snapshot without its id), with its rendered text when it has one. */
export type PromiseValues = Omit<PromiseSnapshot, "id" | "text"> & {
  text?: string;
  measurable?: boolean;
  suggestion?: string | null;
};

type Preview = { text: string; measurable: boolean; suggestion: string | null } | null;

/** Renders the promise as the form now stands, in the documents' style; null while a field is missing. */
function previewOf(form: HTMLFormElement): Preview {
  const fd = new FormData(form);
  const r = parsePromiseForm((k) => fd.get(k)?.toString());
  if (!r.ok) return null;
  return {
    text: renderPromiseSv(r.value),
    measurable: isMeasurable(r.value.target),
    suggestion: measurabilitySuggestion(r.value),
  };
}

/**
 * The fields of one structured promise (plain form fields: works without JavaScript). With JavaScript the
 * sentence it renders to and whether it is measurable update as the editor types.
 */
export function PromiseFields({
  prefix,
  value,
  zones,
}: {
  prefix: string;
  value: PromiseValues | null;
  /** The kommun's zones, the promise's zone is chosen among. */
  zones: readonly { id: number; name: string }[];
}) {
  const t = useT();
  const initial: Preview = value?.text
    ? { text: value.text, measurable: value.measurable ?? false, suggestion: value.suggestion ?? null }
    : null;
  const [preview, setPreview] = useState<Preview>(initial);
  const [touched, setTouched] = useState(false);
  const id = (name: string) => `${prefix}${name}`;
  const resp = value ? (typeof value.responsible === "object" ? "partner" : value.responsible) : "bada";
  const target = value?.target ?? ({ kind: "quantity", quantity: 1, per: "year", comparator: "at_least" } as Target);
  const onChange = (e: FormEvent<HTMLDivElement>) => {
    const form = (e.target as HTMLElement).closest("form");
    if (!form) return;
    setTouched(true);
    setPreview(previewOf(form));
  };
  return (
    <div className="stack promise-fields" onChange={onChange}>
      <label htmlFor={id("responsible")}>{t("loften.promise.responsible")}</label>
      <select id={id("responsible")} name="responsible" defaultValue={resp}>
        {(["polis", "kommun", "bada", "partner"] as const).map((r) => (
          <option key={r} value={r}>
            {t(`loften.responsible.${r}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor={id("partnerName")}>{t("loften.promise.partnerName")}</label>
      <input
        id={id("partnerName")}
        name="partnerName"
        defaultValue={value && typeof value.responsible === "object" ? value.responsible.partner : ""}
      />
      <label htmlFor={id("partners")}>{t("loften.promise.partners")}</label>
      <input id={id("partners")} name="partners" defaultValue={value?.partners.join(", ") ?? ""} />
      <label htmlFor={id("activityType")}>{t("loften.promise.activityType")}</label>
      <select id={id("activityType")} name="activityType" defaultValue={value?.activityType ?? "fotpatrullering"}>
        {ACTIVITY_TYPE_KEYS.map((k) => (
          <option key={k} value={k}>
            {ACTIVITY_TYPES[k].label.sv}
          </option>
        ))}
      </select>
      <label htmlFor={id("activityText")}>{t("loften.promise.activityText")}</label>
      <input
        id={id("activityText")}
        name="activityText"
        defaultValue={value?.activityText ?? ""}
        aria-describedby={id("activityText-hint")}
      />
      <p className="hint" id={id("activityText-hint")}>
        {t("loften.promise.activityTextHint")}
      </p>
      <label htmlFor={id("places")}>{t("loften.promise.places")}</label>
      <input id={id("places")} name="places" defaultValue={value?.places.join(", ") ?? ""} />
      <ZoneSelect id={id("zoneId")} zones={zones} value={value?.zone?.id} />
      <label htmlFor={id("targetKind")}>{t("loften.promise.targetKind")}</label>
      <select id={id("targetKind")} name="targetKind" defaultValue={target.kind}>
        <option value="quantity">{t("loften.target.quantity")}</option>
        <option value="milestone">{t("loften.target.milestone")}</option>
        <option value="none">{t("loften.target.none")}</option>
      </select>
      <fieldset>
        <legend>{t("loften.target.quantity")}</legend>
        <label htmlFor={id("quantity")}>{t("loften.promise.quantity")}</label>
        <input
          id={id("quantity")}
          name="quantity"
          inputMode="numeric"
          defaultValue={target.kind === "quantity" ? String(target.quantity) : ""}
        />
        <label htmlFor={id("per")}>{t("loften.promise.per")}</label>
        <select id={id("per")} name="per" defaultValue={target.kind === "quantity" ? target.per : "year"}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`loften.per.${p}` as MessageKey)}
            </option>
          ))}
        </select>
        <div>
          <input
            type="checkbox"
            id={id("atLeast")}
            name="atLeast"
            defaultChecked={target.kind !== "quantity" || target.comparator === "at_least"}
          />{" "}
          <label htmlFor={id("atLeast")}>{t("loften.promise.atLeast")}</label>
        </div>
        <div>
          <input
            type="checkbox"
            id={id("averaged")}
            name="averaged"
            defaultChecked={target.kind === "quantity" && !!target.averaged}
          />{" "}
          <label htmlFor={id("averaged")}>{t("loften.promise.averaged")}</label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("loften.target.milestone")}</legend>
        <label htmlFor={id("due")}>{t("loften.promise.due")}</label>
        <input id={id("due")} name="due" type="date" defaultValue={target.kind === "milestone" ? target.due : ""} />
        <label htmlFor={id("deliverable")}>{t("loften.promise.deliverable")}</label>
        <input
          id={id("deliverable")}
          name="deliverable"
          defaultValue={target.kind === "milestone" ? target.deliverable : ""}
        />
      </fieldset>
      <label htmlFor={id("description")}>{t("loften.promise.description")}</label>
      <textarea id={id("description")} name="description" rows={2} defaultValue={value?.description ?? ""} />
      <div className="promise-preview" aria-live="polite">
        {preview ? (
          <>
            <p>
              <strong>{t("loften.promise.preview")}</strong> {preview.text}
            </p>
            {preview.measurable ? (
              <p className="ok">{t("loften.promise.measurable")}</p>
            ) : (
              <p className="not-measurable">
                {t("loften.promise.notMeasurable")} {preview.suggestion}
              </p>
            )}
          </>
        ) : touched ? (
          <p className="hint">{t("loften.promise.previewIncomplete")}</p>
        ) : null}
      </div>
    </div>
  );
}

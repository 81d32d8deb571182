/**
 * The law's two documents (docs/domain/lagesbild-atgardsplan.md): the lägesbild's sections and its sources
 * statement, the åtgärdsplan's measures, and the words both use. Pure: usable on server and client.
 */
import type { MeasureOwnerKind, MeasureStatus, PlanDocumentStatus, SourceState } from "../../../../db/schema";
import type { Target } from "~/features/promises/index";

export type { MeasureOwnerKind, MeasureStatus, PlanDocumentStatus, SourceState };

/** The lägesbild's sections, in the order the law and Brå's guidance give them; each is editable text. */
export const PICTURE_SECTIONS = ["mapping", "comparison", "places_times", "analysis", "sources"] as const;
export type PictureSection = (typeof PICTURE_SECTIONS)[number];

export const DOCUMENT_STATUSES: readonly PlanDocumentStatus[] = ["utkast", "beslutad"];
export const OWNER_KINDS: readonly MeasureOwnerKind[] = ["forvaltning", "bolag", "polis", "forening", "annat"];
export const MEASURE_STATUSES: readonly MeasureStatus[] = ["planerad", "pagar", "genomford", "avbruten"];
export const SOURCE_STATES: readonly SourceState[] = ["used", "not_used", "unavailable"];

/** A measure's own fields: what is entered for it (with the indicators it reuses) and shown of it. */
export interface MeasureFields {
  title: string;
  description: string;
  ownerKind: MeasureOwnerKind;
  ownerName: string;
  resources: string;
  startsOn: string | null;
  endsOn: string | null;
  outputText: string;
  outputTarget: Target;
  status: MeasureStatus;
  /** The lägesbild's problems the measure answers. */
  problemIds: number[];
}

/** One line of the sources statement: whether a source was used, and what its absence limits. */
export interface SourceStatement {
  key: string;
  state: SourceState;
  note: string;
}

/** A drafted figure: the sentence and the view that produced it (kept apart from the editable text). */
export interface DraftedFigure {
  section: PictureSection;
  source: string;
  theme: string | null;
  label: string;
  href: string;
}

/** What one evidence source contributed to a draft (or why it could not). */
export interface EvidenceResult {
  /** `citizen`, `staff`, `meetings`, `freetext`, `est`, `crime`, …: also the i18n key `plans.source.<key>`. */
  key: string;
  /** The source's name in Swedish, as the drafted text writes it. */
  labelSv: string;
  state: SourceState;
  /** Swedish: what was used, or why not and what that limits. */
  note: string;
  figures: DraftedFigure[];
}

/**
 * The sources section as drafted Swedish text: what was used, what was not, and what that limits (Brå asks a
 * lägesbild to say so). Editors rewrite it freely; the statement itself is stored apart.
 */
export function draftSourcesText(results: readonly EvidenceResult[]): string {
  const used = results.filter((r) => r.state === "used");
  const rest = results.filter((r) => r.state !== "used");
  const lines: string[] = [];
  lines.push(
    used.length
      ? `Använda källor: ${used.map((r) => `${r.labelSv} (${r.note})`).join("; ")}.`
      : "Inga källor med data fanns när utkastet skapades.",
  );
  for (const r of rest) lines.push(`${r.labelSv}: ${r.note}`);
  if (rest.length)
    lines.push(
      "Det som saknas begränsar lägesbilden: slutsatserna vilar på de använda källorna och kan inte säga något om det de andra skulle ha visat.",
    );
  return lines.join("\n");
}

/** A sentence ends with a full stop (figures are stated as sentences in the drafted text). */
export function asSentence(s: string): string {
  const t = s.trim();
  return !t || /[.!?]$/.test(t) ? t : `${t}.`;
}

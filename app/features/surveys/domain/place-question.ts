/**
 * The place question (docs/domain/places.md, "The place question"): a question of its own SurveyJS type, `place`,
 * whose choices are the kommun's zones and which also carries the zones drawn as SVG paths, so the respondent can
 * tap a zone on a map or pick it from the list of named zones (the list is the accessible way and the one that
 * works without JavaScript). It is followed by four ordinary questions shown once a zone is picked: safe or
 * unsafe, what makes it so, the time of day and the weekdays. Every part is a choice question, so the server
 * validates it and the results count it (per zone, with the same suppression) like any other.
 */
import { BuilderError, copyPages, pageIndex, questionNames } from "./builder-json";
import type { SurveyDefinition, SurveyElementJson } from "./question-bank";

/** The SurveyJS type name of the place question. */
export const PLACE_TYPE = "place";

/** A zone as the question carries it: its code (the answer's value), its name, and its path on the map. */
export interface PlaceZone {
  code: string;
  name: string;
  d: string;
}

/** The map the question carries: the zones' paths in a box of this size (SVG user units). */
export interface PlaceMap {
  width: number;
  height: number;
  shapes: { value: string; d: string }[];
}

/** The map a place question carries (any object with survey-core's getPropertyValue: the question model). */
export function placeMapOf(q: { getPropertyValue(name: string): unknown }): PlaceMap {
  const shapes = q.getPropertyValue("mapShapes");
  return {
    width: Number(q.getPropertyValue("mapWidth")) || 0,
    height: Number(q.getPropertyValue("mapHeight")) || 0,
    shapes: Array.isArray(shapes)
      ? shapes.filter(
          (s): s is { value: string; d: string } =>
            typeof s === "object" && s !== null && typeof s.value === "string" && typeof s.d === "string",
        )
      : [],
  };
}

/** Every place question of a definition with its map (read from the JSON; panels included). */
export function placeMapsOf(definition: SurveyDefinition): { name: string; map: PlaceMap }[] {
  const out: { name: string; map: PlaceMap }[] = [];
  const walk = (els: unknown) => {
    if (!Array.isArray(els)) return;
    for (const el of els as Record<string, unknown>[]) {
      if (el?.type === PLACE_TYPE && typeof el.name === "string")
        out.push({ name: el.name, map: placeMapOf({ getPropertyValue: (k) => el[k] }) });
      walk(el?.elements);
    }
  };
  walk(definition.elements);
  for (const p of definition.pages ?? []) walk(p.elements);
  return out;
}

type Texts = { default: string; en: string; fi?: string };
const choice = (value: string, sv: string, en: string) => ({ value, text: { default: sv, en } });

/** What makes a place feel unsafe (or safe): the categories kommuner's map forms and EST checklists use. */
export const PLACE_CATEGORIES = [
  choice("lighting", "Dålig belysning eller sikt", "Poor lighting or visibility"),
  choice("gatherings", "Ansamlingar av människor som känns otrygga", "Gatherings that feel unsafe"),
  choice("damage", "Skadegörelse eller klotter", "Vandalism or graffiti"),
  choice("litter", "Nedskräpning", "Litter"),
  choice("drugs", "Tecken på narkotika", "Signs of drugs"),
  choice("traffic", "Trafiken", "Traffic"),
  choice("deserted", "Öde, få människor i rörelse", "Deserted, few people about"),
  choice("upkeep", "Välskött och upplyst", "Well kept and lit"),
];
export const PLACE_TIMES = [
  choice("morning", "Morgon (06–10)", "Morning (06–10)"),
  choice("day", "Dagtid (10–18)", "Daytime (10–18)"),
  choice("evening", "Kväll (18–22)", "Evening (18–22)"),
  choice("night", "Natt (22–06)", "Night (22–06)"),
];
export const PLACE_WEEKDAYS = [
  choice("mon", "Måndag", "Monday"),
  choice("tue", "Tisdag", "Tuesday"),
  choice("wed", "Onsdag", "Wednesday"),
  choice("thu", "Torsdag", "Thursday"),
  choice("fri", "Fredag", "Friday"),
  choice("sat", "Lördag", "Saturday"),
  choice("sun", "Söndag", "Sunday"),
];

/** The names of the question's parts: the zone, then safe/unsafe, category, time of day and weekday. */
export function placeQuestionNames(name: string) {
  return {
    zone: name,
    safety: `${name}_safety`,
    category: `${name}_category`,
    time: `${name}_time`,
    weekday: `${name}_weekday`,
  };
}

/** The elements of a place question over the zones (in the order given) and their map. */
export function placeQuestionElements({
  name,
  zones,
  width,
  height,
  title = {
    default: "Markera en plats där du känner dig otrygg eller trygg",
    en: "Mark a place where you feel unsafe or safe",
  },
}: {
  name: string;
  zones: readonly PlaceZone[];
  width: number;
  height: number;
  title?: Texts;
}): SurveyElementJson[] {
  const n = placeQuestionNames(name);
  const shown = `{${name}} notempty`;
  const t = (sv: string, en: string) => ({ default: sv, en });
  return [
    {
      type: PLACE_TYPE,
      name: n.zone,
      title,
      description: t(
        "Tryck på ett område på kartan eller välj det i listan. Du kan också hoppa över frågan.",
        "Tap an area on the map or choose it in the list. You may also skip the question.",
      ),
      choices: zones.map((z) => ({ value: z.code, text: z.name })),
      mapWidth: width,
      mapHeight: height,
      mapShapes: zones.map((z) => ({ value: z.code, d: z.d })),
    },
    {
      type: "radiogroup",
      name: n.safety,
      visibleIf: shown,
      title: t("Hur känns platsen?", "How does the place feel?"),
      choices: [choice("unsafe", "Otrygg", "Unsafe"), choice("safe", "Trygg", "Safe")],
    },
    {
      type: "checkbox",
      name: n.category,
      visibleIf: shown,
      title: t("Vad gör att platsen känns så?", "What makes the place feel that way?"),
      choices: PLACE_CATEGORIES,
    },
    {
      type: "checkbox",
      name: n.time,
      visibleIf: shown,
      title: t("När på dygnet?", "At what time of day?"),
      choices: PLACE_TIMES,
    },
    {
      type: "checkbox",
      name: n.weekday,
      visibleIf: shown,
      title: t("Vilka dagar?", "On which days?"),
      choices: PLACE_WEEKDAYS,
    },
  ];
}

/** Adds a place question (and its four parts) over the kommun's zones to a page (by default the last). */
export function addPlaceQuestion(
  definition: SurveyDefinition,
  {
    name = "place",
    page,
    zones,
    width,
    height,
  }: { name?: string; page?: string; zones: readonly PlaceZone[]; width: number; height: number },
): SurveyDefinition {
  if (!zones.length) throw new BuilderError("zonesRequired", "name");
  const taken = questionNames(definition);
  for (const part of Object.values(placeQuestionNames(name)))
    if (taken.includes(part)) throw new BuilderError("nameTaken", "name", { name: part });
  const { def, pages } = copyPages(definition);
  const p = pageIndex(pages, page, pages.length - 1);
  if (p < 0) pages.push({ name: "page1", elements: [] });
  pages[Math.max(p, 0)].elements!.push(...placeQuestionElements({ name, zones, width, height }));
  return def;
}

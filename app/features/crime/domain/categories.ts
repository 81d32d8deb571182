/**
 * The crime categories the statistics are imported in, after the main categories of Brå's statistics database
 * and the police's tables (docs/domain/crime-statistics.md), each mapped to the product's standard themes
 * (docs/domain/themes.md), so that a lägesbild can set a kommun's reported crime beside what its residents said
 * about the same theme. Pure: the browser may use it.
 */
import type { ThemeKey } from "~/features/surveys/index";

/** Brå's main categories the categories below are grouped in, in the order the pages list them. */
export const CRIME_GROUPS = ["total", "person", "theft", "vandalism", "drugs", "traffic", "fraud"] as const;
export type CrimeGroup = (typeof CRIME_GROUPS)[number];

export interface CrimeCategory {
  /** Stable identifier, stored with every figure; never renamed. */
  id: string;
  group: CrimeGroup;
  /** The Swedish name as the CSV file carries it (and the UI shows). */
  sv: string;
  en: string;
  /** Other Swedish spellings a file may carry (matched like the name, without case and extra spaces). */
  aliases: readonly string[];
  /** The standard themes the category informs; empty when none fits (see the doc). */
  themes: readonly ThemeKey[];
}

/** Every category, in the order the pages list them (grouped as Brå groups its main categories). */
export const CRIME_CATEGORIES: readonly CrimeCategory[] = [
  {
    id: "total",
    group: "total",
    sv: "Samtliga anmälda brott",
    en: "All reported offences",
    aliases: ["totalt", "samtliga brott"],
    themes: [],
  },
  {
    id: "assault",
    group: "person",
    sv: "Misshandel",
    en: "Assault",
    aliases: ["misshandel inkl. grov"],
    themes: ["violent_crime"],
  },
  {
    id: "threat",
    group: "person",
    sv: "Olaga hot",
    en: "Unlawful threats",
    aliases: ["hot"],
    themes: ["violent_crime"],
  },
  {
    id: "sexual_offence",
    group: "person",
    sv: "Sexualbrott",
    en: "Sexual offences",
    aliases: [],
    themes: ["violent_crime"],
  },
  { id: "robbery", group: "person", sv: "Rån", en: "Robbery", aliases: [], themes: ["violent_crime"] },
  {
    id: "domestic_violation",
    group: "person",
    sv: "Grov fridskränkning och grov kvinnofridskränkning",
    en: "Gross violation of integrity (domestic)",
    aliases: ["grov fridskränkning", "grov kvinnofridskränkning", "våld i nära relation"],
    themes: ["domestic_violence"],
  },
  {
    id: "public_violence",
    group: "person",
    sv: "Våldsbrott i offentlig miljö",
    en: "Violent crime in public places",
    aliases: ["våld i offentlig miljö"],
    themes: ["violent_crime", "public_safety"],
  },
  {
    id: "residential_burglary",
    group: "theft",
    sv: "Bostadsinbrott",
    en: "Residential burglary",
    aliases: ["inbrott i bostad"],
    themes: ["volume_crime"],
  },
  {
    id: "vehicle_theft",
    group: "theft",
    sv: "Fordonsrelaterade stölder",
    en: "Vehicle-related theft",
    aliases: ["fordonsrelaterade brott", "stöld av och ur fordon"],
    themes: ["volume_crime"],
  },
  { id: "bicycle_theft", group: "theft", sv: "Cykelstöld", en: "Bicycle theft", aliases: [], themes: ["volume_crime"] },
  {
    id: "shoplifting",
    group: "theft",
    sv: "Butiksstöld",
    en: "Shoplifting",
    aliases: ["snatteri", "butiksstöld och snatteri"],
    themes: ["volume_crime"],
  },
  {
    id: "vandalism",
    group: "vandalism",
    sv: "Skadegörelse inkl. klotter",
    en: "Criminal damage incl. graffiti",
    aliases: ["skadegörelse", "skadegörelsebrott", "klotter"],
    themes: ["volume_crime", "physical_environment"],
  },
  {
    id: "drug_offence",
    group: "drugs",
    sv: "Narkotikabrott",
    en: "Drug offences",
    aliases: ["brott mot narkotikastrafflagen"],
    themes: ["drugs_andt"],
  },
  {
    id: "traffic_offence",
    group: "traffic",
    sv: "Trafikbrott",
    en: "Traffic offences",
    aliases: ["brott mot trafikbrottslagen"],
    themes: ["traffic_safety"],
  },
  {
    id: "drunk_driving",
    group: "traffic",
    sv: "Rattfylleri och drograttfylleri",
    en: "Drink and drug driving",
    aliases: ["rattfylleri", "drograttfylleri"],
    themes: ["traffic_safety", "drugs_andt"],
  },
  { id: "fraud", group: "fraud", sv: "Bedrägeri", en: "Fraud", aliases: ["bedrägeribrott"], themes: [] },
];

export type CrimeCategoryId = string;

const byId = new Map(CRIME_CATEGORIES.map((c) => [c.id, c]));

/** A name as matched: lower case, spaces collapsed, trimmed. */
export const normaliseName = (s: string) => s.normalize("NFC").toLocaleLowerCase("sv-SE").replace(/\s+/g, " ").trim();

const byName = new Map<string, CrimeCategory>();
for (const c of CRIME_CATEGORIES)
  for (const name of [c.id, c.sv, ...c.aliases]) {
    const key = normaliseName(name);
    if (byName.has(key)) throw new Error(`crime category name "${name}" used twice`);
    byName.set(key, c);
  }

/** The category a file's cell names (its Swedish name, an alias or its id), or null. */
export function categoryByName(name: string): CrimeCategory | null {
  return byName.get(normaliseName(name)) ?? null;
}

/** The category with this id, or null. */
export function crimeCategory(id: string): CrimeCategory | null {
  return byId.get(id) ?? null;
}

/** The standard themes a category informs (none for an unknown id). */
export function themesOfCategory(id: string): readonly ThemeKey[] {
  return byId.get(id)?.themes ?? [];
}

/** The categories that inform a theme, in list order: what a lägesbild shows under that theme. */
export function categoriesOfTheme(theme: ThemeKey): CrimeCategory[] {
  return CRIME_CATEGORIES.filter((c) => c.themes.includes(theme));
}

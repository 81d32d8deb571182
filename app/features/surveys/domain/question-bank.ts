/**
 * The standard question bank (docs/domain/question-bank.md) as SurveyJS JSON, in Swedish (source), English and
 * Finnish. Texts use SurveyJS localizable strings `{ default: sv, en, fi }`: Swedish sits under `default`, so the
 * app must set `surveyLocalization.defaultLocale = SOURCE_LOCALE` ("sv") before it builds a `Model`. Otherwise
 * SurveyJS treats "en" as the default locale and shows the Swedish `default` text when the locale is "en".
 *
 * Requiredness: every question is optional except `area` (citizens) and `unit` (staff). The Police's
 * trygghetsmätning and Brå's NTU let people skip any question; forcing an answer on feelings of safety or on
 * victimisation makes people drop out or tick anything, and "Vet ej" is there for those who want to answer
 * without an opinion. `area` and `unit` are the one breakdown each survey is read by (the problembild is per
 * area, the medarbetardialog per unit), and both offer a way out ("Annan", a coarse area list), so they are
 * required. Small groups are protected by suppression in the statistics, not by leaving these out.
 */
import { THEME_KEYS, THEMES, TRANSLATION_STATUS, type ThemeKey } from "./themes";

export { TRANSLATION_STATUS } from "./themes";

/** The language of `default` in every localizable string of the bank. */
export const SOURCE_LOCALE = "sv";

export const SURVEY_KINDS = ["medborgarenkat", "medarbetardialog"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** A bank text: Swedish under `default`, plus the required translations; more locales may be added. */
export type LocalizedText = { default: string; en: string; fi: string; [locale: string]: string };
/** A text from configuration (an area or unit name): a plain string, or Swedish plus any translations. */
export type LocalizableText = string | { default: string; [locale: string]: string };

export type ChoiceJson<V extends string = string> = { value: V; text: LocalizedText };
/** A kommun-configured choice: a bare name (used as value and text) or a value with its text. */
export type ChoiceOption = string | { value: string; text: LocalizableText };

/** One SurveyJS element (question or panel) as JSON. Loosely typed: definitions are data, checked by survey-core. */
export type SurveyElementJson = { type: string; name: string; [key: string]: unknown };
export type SurveyPageJson = { name: string; elements?: SurveyElementJson[]; [key: string]: unknown };
export type SurveyDefinition = { pages?: SurveyPageJson[]; elements?: SurveyElementJson[]; [key: string]: unknown };

/** A theme reference: a standard key, or a key a kommun added itself. */
export type ThemeId = ThemeKey | (string & Record<never, never>);

const t = (sv: string, en: string, fi: string): LocalizedText => ({ default: sv, en, fi });
const choice = <V extends string>(value: V, sv: string, en: string, fi: string): ChoiceJson<V> => ({
  value,
  text: t(sv, en, fi),
});

// ---------------------------------------------------------------------------------------------------------------
// Scales

export const PROBLEM_SCALE = [
  choice("4", "Ett mycket stort problem", "A very big problem", "Erittäin suuri ongelma"),
  choice("3", "Ett ganska stort problem", "A fairly big problem", "Melko suuri ongelma"),
  choice("2", "Ett ganska litet problem", "A fairly small problem", "Melko pieni ongelma"),
  choice("1", "Inget problem alls", "No problem at all", "Ei lainkaan ongelma"),
  choice("dont_know", "Vet ej", "Don't know", "En osaa sanoa"),
] as const;
export type ProblemValue = (typeof PROBLEM_SCALE)[number]["value"];

// Finnish in the translative ("turvalliseksi") to follow "Kuinka turvalliseksi ... tuntisit olosi".
export const SAFETY_SCALE = [
  choice("very_safe", "Mycket trygg", "Very safe", "Erittäin turvalliseksi"),
  choice("rather_safe", "Ganska trygg", "Fairly safe", "Melko turvalliseksi"),
  choice("rather_unsafe", "Ganska otrygg", "Fairly unsafe", "Melko turvattomaksi"),
  choice("very_unsafe", "Mycket otrygg", "Very unsafe", "Erittäin turvattomaksi"),
  choice(
    "never_out",
    "Går aldrig ut ensam sent en kväll",
    "I never go out alone late in the evening",
    "En koskaan liiku yksin ulkona myöhään illalla",
  ),
  choice("dont_know", "Vet ej", "Don't know", "En osaa sanoa"),
] as const;
export type SafetyValue = (typeof SAFETY_SCALE)[number]["value"];

export const FREQUENCY_SCALE = [
  choice("often", "Ofta", "Often", "Usein"),
  choice("fairly_often", "Ganska ofta", "Fairly often", "Melko usein"),
  choice("sometimes", "Någon gång", "Occasionally", "Joskus"),
  choice("never", "Aldrig", "Never", "Ei koskaan"),
] as const;
export type FrequencyValue = (typeof FREQUENCY_SCALE)[number]["value"];

export const TRUST_SCALE = [
  choice("5", "Mycket stort", "Very high", "Erittäin paljon"),
  choice("4", "Ganska stort", "Fairly high", "Melko paljon"),
  choice("3", "Varken stort eller litet", "Neither high nor low", "Ei paljon eikä vähän"),
  choice("2", "Ganska litet", "Fairly low", "Melko vähän"),
  choice("1", "Mycket litet", "Very low", "Erittäin vähän"),
  choice("dont_know", "Vet ej", "Don't know", "En osaa sanoa"),
] as const;
export type TrustValue = (typeof TRUST_SCALE)[number]["value"];

export type IndicatorKind = "problem" | "safety" | "trust";

/** The bank questions each indicator (docs/domain/statistics.md#indicator-shares) is computed from (matrix rows as `name.row`). */
export const INDICATOR_QUESTIONS: Readonly<Record<IndicatorKind, readonly string[]>> = {
  problem: ["problems", "staff_problems"],
  safety: ["safe_night_area", "safe_night_centre"],
  trust: ["trust_police_local", "trust_kommun_safety"],
};

/**
 * How docs/domain/statistics.md#indicator-shares (and #vet-ej) turns each scale into a share: `numerator` values over answered minus `excludedFromBase`.
 * "never_out" is deliberately not excluded: it stays in the base of the unsafe share and is shown separately.
 */
export const INDICATOR_SHARE_RULES: Readonly<
  Record<IndicatorKind, { numerator: readonly string[]; excludedFromBase: readonly string[] }>
> = {
  problem: { numerator: ["4", "3"], excludedFromBase: ["dont_know"] },
  safety: { numerator: ["rather_unsafe", "very_unsafe"], excludedFromBase: ["dont_know"] },
  trust: { numerator: ["5", "4"], excludedFromBase: ["dont_know"] },
};

/** The indicator scale a bank question (or matrix row, `problems.litter`) is read on, or null. */
export function indicatorKind(name: string): IndicatorKind | null {
  const base = name.split(".", 1)[0] ?? name;
  for (const kind of ["problem", "safety", "trust"] as const) {
    if (INDICATOR_QUESTIONS[kind].includes(base)) return kind;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Problem items (rows of both `problems` and `staff_problems`)

const row = <K extends string>(value: K, themes: readonly ThemeKey[], sv: string, en: string, fi: string) => ({
  value,
  text: t(sv, en, fi),
  themes,
});

export const PROBLEM_ROWS = [
  row("litter", ["physical_environment"], "Nedskräpning", "Litter", "Roskaaminen"),
  row(
    "vandalism",
    ["volume_crime", "physical_environment"],
    "Skadegörelse, till exempel klotter eller krossade rutor",
    "Vandalism, for example graffiti or broken windows",
    "Ilkivalta, esimerkiksi töhryt tai rikotut ikkunat",
  ),
  row(
    "poor_lighting",
    ["physical_environment", "public_safety"],
    "Dåligt upplysta gator, gång- och cykelvägar eller parker",
    "Poorly lit streets, footpaths, cycle paths or parks",
    "Huonosti valaistut kadut, kävely- ja pyörätiet tai puistot",
  ),
  row(
    "disorder",
    ["public_safety"],
    "Bråk och stök på allmän plats",
    "Fights and rowdiness in public places",
    "Riitely ja häiriköinti julkisilla paikoilla",
  ),
  row(
    "youth_gangs",
    ["youth", "public_safety"],
    "Grupper av ungdomar som stör ordningen",
    "Groups of young people disturbing public order",
    "Järjestystä häiritsevät nuorisoporukat",
  ),
  row(
    "intoxicated_public",
    ["drugs_andt", "public_safety"],
    "Personer som är påverkade av alkohol eller narkotika på allmän plats",
    "People under the influence of alcohol or drugs in public places",
    "Alkoholin tai huumeiden vaikutuksen alaisena olevat ihmiset julkisilla paikoilla",
  ),
  row("drug_dealing", ["drugs_andt"], "Försäljning av narkotika", "Drug dealing", "Huumekauppa"),
  row(
    "youth_alcohol",
    ["drugs_andt", "youth"],
    "Ungdomar som dricker alkohol eller langning av alkohol till ungdomar",
    "Young people drinking alcohol, or alcohol being supplied to young people",
    "Nuorten alkoholinkäyttö tai alkoholin välittäminen nuorille",
  ),
  row(
    "speeding",
    ["traffic_safety"],
    "Fortkörning med bil eller motorcykel",
    "Speeding by cars or motorcycles",
    "Ylinopeudella ajaminen autolla tai moottoripyörällä",
  ),
  row(
    "mopeds_atraktor",
    ["traffic_safety", "youth"],
    "Buskörning med moped, A-traktor eller EPA-traktor",
    "Reckless driving of mopeds, A-tractors or EPA tractors",
    "Holtiton ajaminen mopoilla, A-traktoreilla tai EPA-traktoreilla",
  ),
  row(
    "drink_driving",
    ["traffic_safety", "drugs_andt"],
    "Rattfylleri eller drograttfylleri",
    "Drink driving or drug driving",
    "Rattijuopumus tai huumeiden vaikutuksen alaisena ajaminen",
  ),
  row("burglary", ["volume_crime"], "Inbrott i bostäder", "Burglary in homes", "Asuntomurrot"),
  row("bike_theft", ["volume_crime"], "Cykelstölder", "Bicycle theft", "Polkupyörävarkaudet"),
  row(
    "shoplifting",
    ["volume_crime"],
    "Snatteri och stölder i butiker",
    "Shoplifting and theft from shops",
    "Näpistykset ja myymälävarkaudet",
  ),
  row(
    "violence_public",
    ["violent_crime"],
    "Våld eller hot om våld på allmän plats",
    "Violence or threats of violence in public places",
    "Väkivalta tai väkivallalla uhkaaminen julkisilla paikoilla",
  ),
  row(
    "fraud",
    ["volume_crime"],
    "Bedrägerier, till exempel via telefon eller internet",
    "Fraud, for example by phone or online",
    "Petokset, esimerkiksi puhelimitse tai internetissä",
  ),
] as const;
export type ProblemRowKey = (typeof PROBLEM_ROWS)[number]["value"];

/** Themes of each problem item, the same in `problems` and `staff_problems`. */
export const rowThemes = Object.fromEntries(PROBLEM_ROWS.map((r) => [r.value, r.themes])) as Readonly<
  Record<ProblemRowKey, readonly ThemeKey[]>
>;

const problemRowsJson = (): ChoiceJson[] => PROBLEM_ROWS.map((r) => ({ value: r.value, text: r.text }));

/** Themes in `THEME_KEYS` order, each once. */
function unionThemes(lists: readonly (readonly ThemeKey[])[]): ThemeKey[] {
  const all = new Set(lists.flat());
  return THEME_KEYS.filter((key) => all.has(key));
}

// ---------------------------------------------------------------------------------------------------------------
// Sections and the bank

export const SECTIONS = {
  medborgarenkat: ["safety", "problems", "victimisation", "trust_contact", "priorities", "about_you"],
  medarbetardialog: ["work", "staff_problems", "staff_priorities", "staff_cooperation"],
} as const satisfies Record<SurveyKind, readonly string[]>;
export type SectionKey = (typeof SECTIONS)[SurveyKind][number];

export const SECTION_TITLES: Readonly<Record<SectionKey, LocalizedText>> = {
  safety: t("Trygghet", "Safety", "Turvallisuus"),
  problems: t("Problem där du bor", "Problems where you live", "Ongelmat asuinalueellasi"),
  victimisation: t("Utsatthet för brott", "Experience of crime", "Rikosten kohteeksi joutuminen"),
  trust_contact: t("Förtroende och kontakt", "Confidence and contact", "Luottamus ja yhteydet"),
  priorities: t("Prioriteringar", "Priorities", "Painopisteet"),
  about_you: t("Om dig", "About you", "Tietoja sinusta"),
  work: t("Om ditt arbete", "About your work", "Tietoja työstäsi"),
  staff_problems: t("Problem i kommunen", "Problems in the municipality", "Ongelmat kunnassa"),
  staff_priorities: t("Prioriteringar och förslag", "Priorities and suggestions", "Painopisteet ja ehdotukset"),
  staff_cooperation: t("Samverkan", "Cooperation", "Yhteistyö"),
};

export type BankEntry = {
  name: string;
  kind: SurveyKind;
  section: SectionKey;
  /** Theme keys of the question; for matrices the union of `rowThemes`; empty for coded free text and priorities. */
  themes: readonly ThemeKey[];
  demographic?: "area" | "age_band" | "gender";
  /** Choices configured per kommun, placed before the element's own fixed choices when a survey is built. */
  choicesFrom?: "areas" | "units";
  translationStatus: typeof TRANSLATION_STATUS;
  element: SurveyElementJson;
};

type EntryInput = Omit<BankEntry, "translationStatus" | "element"> & {
  element: { type: string; [key: string]: unknown };
};
const entry = (input: EntryInput): BankEntry => ({
  ...input,
  translationStatus: TRANSLATION_STATUS,
  element: { ...input.element, name: input.name },
});

const yesNoLabels = {
  labelTrue: t("Ja", "Yes", "Kyllä"),
  labelFalse: t("Nej", "No", "Ei"),
  // Render as two radio buttons with "Ja" first, as on the paper survey; a switch has no visible "not answered".
  renderAs: "radio",
  swapOrder: true,
};

const themeChoices = (): ChoiceJson<ThemeKey>[] =>
  THEME_KEYS.map((key) => ({ value: key, text: t(THEMES[key].label.sv, THEMES[key].label.en, THEMES[key].label.fi) }));

const chooseThree = t("Välj högst tre.", "Choose up to three.", "Valitse enintään kolme.");

// Free text is stored and shown to analysts; 2000 characters is far beyond any answer seen on paper.
const FREE_TEXT_MAX = 2000;

/** Every standard question of both survey kinds, in page order. */
export const BANK: readonly BankEntry[] = [
  // Medborgarenkät: Trygghet
  entry({
    name: "safe_night_area",
    kind: "medborgarenkat",
    section: "safety",
    themes: ["public_safety"],
    element: {
      type: "radiogroup",
      title: t(
        "Hur trygg eller otrygg skulle du känna dig om du gick ut ensam sent en kväll i det område där du bor?",
        "How safe or unsafe would you feel if you went out alone late in the evening in the area where you live?",
        "Kuinka turvalliseksi tai turvattomaksi tuntisit olosi, jos liikkuisit yksin ulkona myöhään illalla asuinalueellasi?",
      ),
      choices: [...SAFETY_SCALE],
    },
  }),
  entry({
    name: "safe_night_centre",
    kind: "medborgarenkat",
    section: "safety",
    themes: ["public_safety"],
    element: {
      type: "radiogroup",
      title: t(
        "Hur trygg eller otrygg skulle du känna dig om du gick ut ensam sent en kväll i centrum av din ort?",
        "How safe or unsafe would you feel if you went out alone late in the evening in the centre of your town?",
        "Kuinka turvalliseksi tai turvattomaksi tuntisit olosi, jos liikkuisit yksin ulkona myöhään illalla paikkakuntasi keskustassa?",
      ),
      choices: [...SAFETY_SCALE],
    },
  }),
  entry({
    name: "worry_crime",
    kind: "medborgarenkat",
    section: "safety",
    themes: ["public_safety"],
    element: {
      type: "radiogroup",
      title: t(
        "Hur ofta har du under det senaste året känt dig orolig för att utsättas för brott?",
        "During the past year, how often have you felt worried about becoming a victim of crime?",
        "Kuinka usein olet viimeisen vuoden aikana ollut huolissasi siitä, että joutuisit rikoksen uhriksi?",
      ),
      choices: [...FREQUENCY_SCALE],
    },
  }),
  entry({
    name: "avoided_activity",
    kind: "medborgarenkat",
    section: "safety",
    themes: ["public_safety"],
    element: {
      type: "radiogroup",
      title: t(
        "Har du under det senaste året avstått från någon aktivitet eller valt en annan väg på grund av oro för att utsättas för brott?",
        "During the past year, have you refrained from an activity or chosen a different route because you were worried about becoming a victim of crime?",
        "Oletko viimeisen vuoden aikana jättänyt jotain tekemättä tai valinnut toisen reitin, koska pelkäsit joutuvasi rikoksen uhriksi?",
      ),
      choices: [
        choice("yes_many", "Ja, flera gånger", "Yes, several times", "Kyllä, useita kertoja"),
        choice("yes_once", "Ja, någon gång", "Yes, once or twice", "Kyllä, kerran tai pari"),
        choice("no", "Nej", "No", "Ei"),
        choice("dont_know", "Vet ej", "Don't know", "En osaa sanoa"),
      ],
    },
  }),
  entry({
    name: "unsafe_places",
    kind: "medborgarenkat",
    section: "safety",
    themes: ["public_safety", "physical_environment"],
    element: {
      type: "comment",
      title: t(
        "Finns det platser i kommunen där du känner dig otrygg? Beskriv var och varför.",
        "Are there places in the municipality where you feel unsafe? Describe where and why.",
        "Onko kunnassa paikkoja, joissa tunnet olosi turvattomaksi? Kerro, missä ja miksi.",
      ),
      maxLength: FREE_TEXT_MAX,
    },
  }),
  entry({
    name: "unsafe_area_pick",
    kind: "medborgarenkat",
    section: "safety",
    themes: ["public_safety"],
    choicesFrom: "areas",
    element: {
      type: "dropdown",
      title: t(
        "Var ligger den plats där du känner dig mest otrygg?",
        "Where is the place where you feel most unsafe?",
        "Missä on paikka, jossa tunnet olosi turvattomimmaksi?",
      ),
      choices: [choice("none_specific", "Ingen särskild plats", "No particular place", "Ei mikään tietty paikka")],
    },
  }),

  // Medborgarenkät: Problem där du bor
  entry({
    name: "problems",
    kind: "medborgarenkat",
    section: "problems",
    themes: unionThemes(PROBLEM_ROWS.map((r) => r.themes)),
    element: {
      type: "matrix",
      title: t(
        "Hur stort problem upplever du att följande är i det område där du bor?",
        "How big a problem do you think each of the following is in the area where you live?",
        "Kuinka suuri ongelma seuraavat asiat ovat mielestäsi asuinalueellasi?",
      ),
      columns: [...PROBLEM_SCALE],
      rows: problemRowsJson(),
    },
  }),

  // Medborgarenkät: Utsatthet
  entry({
    name: "victim_12m",
    kind: "medborgarenkat",
    section: "victimisation",
    themes: ["volume_crime", "violent_crime"],
    element: {
      type: "checkbox",
      title: t(
        "Har du under de senaste 12 månaderna utsatts för något av följande?",
        "During the past 12 months, have you been a victim of any of the following?",
        "Oletko viimeisten 12 kuukauden aikana joutunut jonkin seuraavista kohteeksi?",
      ),
      description: t("Markera alla som stämmer.", "Tick all that apply.", "Valitse kaikki sopivat vaihtoehdot."),
      choices: [
        choice("theft", "Stöld", "Theft", "Varkaus"),
        choice("burglary", "Inbrott", "Burglary", "Murto"),
        choice("vandalism", "Skadegörelse", "Vandalism", "Ilkivalta"),
        choice("threat", "Hot", "Threats", "Uhkailu"),
        choice("assault", "Misshandel", "Assault", "Pahoinpitely"),
        choice("fraud", "Bedrägeri", "Fraud", "Petos"),
        choice("harassment", "Trakasserier", "Harassment", "Häirintä"),
      ],
      // SurveyJS's built-in "none" item (value "none", settings.noneItemValue) clears the other ticks when chosen.
      showNoneItem: true,
      noneText: t("Nej, inget av detta", "No, none of these", "Ei, ei mitään näistä"),
    },
  }),
  entry({
    name: "victim_reported",
    kind: "medborgarenkat",
    section: "victimisation",
    themes: ["volume_crime", "violent_crime"],
    element: {
      type: "radiogroup",
      visibleIf: "{victim_12m} notempty and {victim_12m} notcontains 'none'",
      title: t(
        "Polisanmälde du händelsen?",
        "Did you report it to the police?",
        "Teitkö tapahtuneesta rikosilmoituksen poliisille?",
      ),
      choices: [
        choice("all", "Ja, alla", "Yes, all of them", "Kyllä, kaikista"),
        choice("some", "Ja, någon", "Yes, some of them", "Kyllä, osasta"),
        choice("none", "Nej", "No", "En"),
      ],
    },
  }),

  // Medborgarenkät: Förtroende och kontakt
  entry({
    name: "trust_police_local",
    kind: "medborgarenkat",
    section: "trust_contact",
    themes: ["police_presence"],
    element: {
      type: "radiogroup",
      title: t(
        "Hur stort förtroende har du för polisens arbete i din kommun?",
        "How much confidence do you have in the work of the police in your municipality?",
        "Kuinka paljon luotat poliisin työhön kunnassasi?",
      ),
      choices: [...TRUST_SCALE],
    },
  }),
  entry({
    name: "trust_kommun_safety",
    kind: "medborgarenkat",
    section: "trust_contact",
    themes: ["cooperation"],
    element: {
      type: "radiogroup",
      title: t(
        "Hur stort förtroende har du för kommunens arbete med trygghet och brottsförebyggande?",
        "How much confidence do you have in the municipality's work on safety and crime prevention?",
        "Kuinka paljon luotat kunnan turvallisuus- ja rikoksentorjuntatyöhön?",
      ),
      choices: [...TRUST_SCALE],
    },
  }),
  entry({
    name: "police_visible",
    kind: "medborgarenkat",
    section: "trust_contact",
    themes: ["police_presence"],
    element: {
      type: "radiogroup",
      title: t(
        "Hur ofta ser du polisen där du bor?",
        "How often do you see the police where you live?",
        "Kuinka usein näet poliisin asuinalueellasi?",
      ),
      choices: [
        choice("weekly", "Minst en gång i veckan", "At least once a week", "Vähintään kerran viikossa"),
        choice("monthly", "Någon gång i månaden", "A few times a month", "Muutaman kerran kuukaudessa"),
        choice("rarer", "Mer sällan", "Less often", "Harvemmin"),
        choice("never", "Aldrig", "Never", "En koskaan"),
      ],
    },
  }),
  entry({
    name: "police_contact",
    kind: "medborgarenkat",
    section: "trust_contact",
    themes: ["police_presence"],
    element: {
      type: "boolean",
      title: t(
        "Har du haft kontakt med polisen under det senaste året?",
        "Have you been in contact with the police during the past year?",
        "Oletko ollut yhteydessä poliisiin viimeisen vuoden aikana?",
      ),
      ...yesNoLabels,
    },
  }),
  entry({
    name: "knows_promises",
    kind: "medborgarenkat",
    section: "trust_contact",
    themes: ["cooperation"],
    element: {
      type: "boolean",
      title: t(
        "Kände du till att polisen och kommunen ger medborgarlöften?",
        "Did you know that the police and the municipality make joint public commitments (medborgarlöften)?",
        "Tiesitkö, että poliisi ja kunta antavat yhteisiä kansalaislupauksia (medborgarlöften)?",
      ),
      ...yesNoLabels,
    },
  }),

  // Medborgarenkät: Prioriteringar. Each choice of `priorities` is a theme key, so the question itself has none.
  entry({
    name: "priorities",
    kind: "medborgarenkat",
    section: "priorities",
    themes: [],
    element: {
      type: "checkbox",
      title: t(
        "Vilka tre frågor tycker du att polisen och kommunen ska prioritera i din kommun?",
        "Which three issues do you think the police and the municipality should prioritise in your municipality?",
        "Mitkä kolme asiaa poliisin ja kunnan pitäisi mielestäsi asettaa etusijalle kunnassasi?",
      ),
      description: chooseThree,
      choices: themeChoices(),
      maxSelectedChoices: 3,
    },
  }),
  entry({
    name: "suggestions",
    kind: "medborgarenkat",
    section: "priorities",
    themes: [],
    element: {
      type: "comment",
      title: t(
        "Vad skulle få dig att känna dig tryggare där du bor?",
        "What would make you feel safer where you live?",
        "Mikä saisi sinut tuntemaan olosi turvallisemmaksi asuinalueellasi?",
      ),
      maxLength: FREE_TEXT_MAX,
    },
  }),

  // Medborgarenkät: Om dig
  entry({
    name: "area",
    kind: "medborgarenkat",
    section: "about_you",
    themes: [],
    demographic: "area",
    choicesFrom: "areas",
    element: {
      type: "dropdown",
      title: t("Var i kommunen bor du?", "Where in the municipality do you live?", "Missä päin kuntaa asut?"),
      isRequired: true,
      choices: [],
    },
  }),
  entry({
    name: "age_band",
    kind: "medborgarenkat",
    section: "about_you",
    themes: [],
    demographic: "age_band",
    element: {
      type: "radiogroup",
      title: t("Hur gammal är du?", "How old are you?", "Kuinka vanha olet?"),
      choices: [
        choice("16-19", "16–19 år", "16–19 years", "16–19 vuotta"),
        choice("20-29", "20–29 år", "20–29 years", "20–29 vuotta"),
        choice("30-44", "30–44 år", "30–44 years", "30–44 vuotta"),
        choice("45-64", "45–64 år", "45–64 years", "45–64 vuotta"),
        choice("65-79", "65–79 år", "65–79 years", "65–79 vuotta"),
        choice("80+", "80 år eller äldre", "80 years or older", "80 vuotta tai vanhempi"),
      ],
    },
  }),
  entry({
    name: "gender",
    kind: "medborgarenkat",
    section: "about_you",
    themes: [],
    demographic: "gender",
    element: {
      type: "radiogroup",
      title: t("Vilket kön har du?", "What is your gender?", "Mikä on sukupuolesi?"),
      choices: [
        choice("woman", "Kvinna", "Woman", "Nainen"),
        choice("man", "Man", "Man", "Mies"),
        choice("other", "Annat", "Other", "Muu"),
        choice("no_answer", "Vill inte svara", "Prefer not to say", "En halua vastata"),
      ],
    },
  }),
  entry({
    name: "years_in_area",
    kind: "medborgarenkat",
    section: "about_you",
    themes: [],
    element: {
      type: "radiogroup",
      title: t(
        "Hur länge har du bott i kommunen?",
        "How long have you lived in the municipality?",
        "Kuinka kauan olet asunut kunnassa?",
      ),
      choices: [
        choice("lt2", "Mindre än 2 år", "Less than 2 years", "Alle 2 vuotta"),
        choice("2-10", "2–10 år", "2–10 years", "2–10 vuotta"),
        choice("gt10", "Mer än 10 år", "More than 10 years", "Yli 10 vuotta"),
      ],
    },
  }),
  entry({
    name: "housing",
    kind: "medborgarenkat",
    section: "about_you",
    themes: [],
    element: {
      type: "radiogroup",
      title: t("Hur bor du?", "What kind of home do you live in?", "Millaisessa asunnossa asut?"),
      choices: [
        choice("house", "Villa eller radhus", "Detached or terraced house", "Omakoti- tai rivitalo"),
        choice("rental", "Hyresrätt", "Rented flat", "Vuokra-asunto"),
        choice("condo", "Bostadsrätt", "Owner-occupied flat (bostadsrätt)", "Osakeasunto (bostadsrätt)"),
        choice("other", "Annat", "Other", "Muu"),
      ],
    },
  }),

  // Medarbetardialog
  entry({
    name: "unit",
    kind: "medarbetardialog",
    section: "work",
    themes: [],
    choicesFrom: "units",
    element: {
      type: "radiogroup",
      title: t("Var arbetar du?", "Where do you work?", "Missä työskentelet?"),
      isRequired: true,
      choices: [],
    },
  }),
  entry({
    name: "staff_problems",
    kind: "medarbetardialog",
    section: "staff_problems",
    themes: unionThemes(PROBLEM_ROWS.map((r) => r.themes)),
    element: {
      type: "matrix",
      title: t(
        "Hur stort problem är följande i kommunen, utifrån vad du ser i ditt arbete?",
        "How big a problem is each of the following in the municipality, based on what you see in your work?",
        "Kuinka suuri ongelma seuraavat asiat ovat kunnassa sen perusteella, mitä näet työssäsi?",
      ),
      columns: [...PROBLEM_SCALE],
      rows: problemRowsJson(),
    },
  }),
  entry({
    name: "staff_priorities",
    kind: "medarbetardialog",
    section: "staff_priorities",
    themes: [],
    element: {
      type: "checkbox",
      title: t(
        "Vilka tre frågor borde polisen och kommunen prioritera under nästa period?",
        "Which three issues should the police and the municipality prioritise in the next period?",
        "Mitkä kolme asiaa poliisin ja kunnan pitäisi asettaa etusijalle seuraavalla kaudella?",
      ),
      description: chooseThree,
      choices: themeChoices(),
      maxSelectedChoices: 3,
    },
  }),
  entry({
    name: "staff_places",
    kind: "medarbetardialog",
    section: "staff_priorities",
    themes: [],
    element: {
      type: "comment",
      title: t(
        "Vilka platser eller tider ser du som särskilt utsatta?",
        "Which places or times do you see as particularly exposed?",
        "Mitkä paikat tai ajankohdat ovat mielestäsi erityisen alttiita ongelmille?",
      ),
      maxLength: FREE_TEXT_MAX,
    },
  }),
  entry({
    name: "staff_activities",
    kind: "medarbetardialog",
    section: "staff_priorities",
    themes: [],
    element: {
      type: "comment",
      title: t(
        "Vilka konkreta aktiviteter tror du skulle ge störst effekt?",
        "Which concrete activities do you think would have the greatest effect?",
        "Mitkä konkreettiset toimet olisivat mielestäsi tehokkaimpia?",
      ),
      maxLength: FREE_TEXT_MAX,
    },
  }),
  entry({
    name: "staff_cooperation",
    kind: "medarbetardialog",
    section: "staff_cooperation",
    themes: ["cooperation"],
    element: {
      type: "radiogroup",
      title: t(
        "Hur väl fungerar samverkan mellan polis och kommun i dessa frågor?",
        "How well does cooperation between the police and the municipality work on these issues?",
        "Kuinka hyvin poliisin ja kunnan yhteistyö toimii näissä asioissa?",
      ),
      choices: [
        choice("very_good", "Mycket bra", "Very well", "Erittäin hyvin"),
        choice("rather_good", "Ganska bra", "Fairly well", "Melko hyvin"),
        choice("rather_bad", "Ganska dåligt", "Fairly badly", "Melko huonosti"),
        choice("very_bad", "Mycket dåligt", "Very badly", "Erittäin huonosti"),
        choice("dont_know", "Vet ej", "Don't know", "En osaa sanoa"),
      ],
    },
  }),
];

const BANK_BY_NAME: ReadonlyMap<string, BankEntry> = new Map(BANK.map((e) => [e.name, e]));

/** The units of the medarbetardialog when a kommun has configured none. */
export const DEFAULT_UNITS: readonly ChoiceJson[] = [
  choice("police", "Polisen (LPO)", "Police (local police area)", "Poliisi (paikallispoliisialue)"),
  choice("school", "Skola", "School", "Koulu"),
  choice("social", "Socialtjänst", "Social services", "Sosiaalipalvelut"),
  choice("leisure", "Fritid", "Leisure and youth services", "Vapaa-ajan palvelut"),
  choice("planning", "Samhällsbyggnad", "Planning and community development", "Yhdyskuntasuunnittelu"),
  choice("other", "Annan", "Other", "Muu"),
];

const DEFAULT_TITLES: Readonly<Record<SurveyKind, LocalizedText>> = {
  medborgarenkat: t("Trygghetsenkät", "Community safety survey", "Turvallisuuskysely"),
  medarbetardialog: t(
    "Medarbetardialog om trygghet",
    "Staff dialogue on community safety",
    "Henkilöstön turvallisuuskysely",
  ),
};

// No promise of anonymity here: whether answers are anonymous depends on how a survey is distributed.
const COMPLETED_HTML: Readonly<Record<SurveyKind, LocalizedText>> = {
  medborgarenkat: t(
    "<h3>Tack för dina svar!</h3><p>Polisen och kommunen använder svaren när de bestämmer vad de ska prioritera i arbetet för trygghet där du bor.</p>",
    "<h3>Thank you for your answers!</h3><p>The police and the municipality use the answers to decide what to prioritise in their work for safety where you live.</p>",
    "<h3>Kiitos vastauksistasi!</h3><p>Poliisi ja kunta käyttävät vastauksia päättäessään, mihin ne keskittyvät turvallisuustyössä asuinalueellasi.</p>",
  ),
  medarbetardialog: t(
    "<h3>Tack för dina svar!</h3><p>Svaren ingår i problembilden som polisen och kommunen bygger sina nästa medborgarlöften på.</p>",
    "<h3>Thank you for your answers!</h3><p>Your answers become part of the picture of local problems on which the police and the municipality base their next joint commitments.</p>",
    "<h3>Kiitos vastauksistasi!</h3><p>Vastaukset ovat osa tilannekuvaa, jonka pohjalta poliisi ja kunta laativat seuraavat yhteiset lupauksensa.</p>",
  ),
};

export type BuildStandardSurveyInput = {
  kind: SurveyKind;
  /** The kommun's areas (tätorter, byar); required and non-empty for a medborgarenkät, unused for staff. */
  areas: readonly ChoiceOption[];
  /** The units of the medarbetardialog; `DEFAULT_UNITS` when absent. */
  units?: readonly ChoiceOption[];
  title?: LocalizableText;
};

const RESERVED_CHOICE_VALUES: Readonly<Record<"areas" | "units", readonly string[]>> = {
  areas: ["none_specific"],
  units: [],
};

function toChoices(
  options: readonly ChoiceOption[],
  from: "areas" | "units",
): { value: string; text: LocalizableText }[] {
  const choices = options.map((option) =>
    typeof option === "string" ? { value: option, text: option } : { value: option.value, text: option.text },
  );
  const seen = new Set<string>();
  for (const { value } of choices) {
    if (value.trim() === "") throw new Error(`Empty value among the ${from}.`);
    if (RESERVED_CHOICE_VALUES[from].includes(value))
      throw new Error(`"${value}" is reserved and cannot be one of the ${from}.`);
    if (seen.has(value)) throw new Error(`"${value}" appears twice among the ${from}.`);
    seen.add(value);
  }
  return choices;
}

/** A complete SurveyJS definition of the standard survey of a kind, one page per section. */
export function buildStandardSurvey({ kind, areas, units, title }: BuildStandardSurveyInput): SurveyDefinition {
  if (kind === "medborgarenkat" && areas.length === 0) {
    // `area` is required: with no areas to pick from, nobody could complete the survey.
    throw new Error("A medborgarenkät needs at least one area.");
  }
  const configured = {
    areas: kind === "medborgarenkat" ? toChoices(areas, "areas") : [],
    units: toChoices(units ?? DEFAULT_UNITS, "units"),
  };
  const pages: SurveyPageJson[] = SECTIONS[kind].map((section) => ({
    name: section,
    title: structuredClone(SECTION_TITLES[section]),
    elements: BANK.filter((e) => e.kind === kind && e.section === section).map((e) => {
      // A deep copy, so that a caller editing its definition never edits the bank.
      const element = structuredClone(e.element);
      if (e.choicesFrom) {
        const fixed: unknown[] = Array.isArray(element["choices"]) ? element["choices"] : [];
        element["choices"] = [...structuredClone(configured[e.choicesFrom]), ...fixed];
      }
      return element;
    }),
  }));
  return {
    title: structuredClone(title ?? DEFAULT_TITLES[kind]),
    // survey-core 2.x: `showProgressBar` is a boolean and the position is `progressBarLocation`
    // (the 1.x string form `showProgressBar: "top"` is still accepted but maps to a legacy location).
    showProgressBar: true,
    progressBarLocation: "aboveheader",
    questionsOnPageMode: "standard",
    completedHtml: structuredClone(COMPLETED_HTML[kind]),
    pages,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Themes of the questions of any definition

type JsonRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function readThemes(value: unknown): ThemeId[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === "string");
}

function rowValue(rowJson: unknown): string | undefined {
  if (typeof rowJson === "string" || typeof rowJson === "number") return String(rowJson);
  if (isRecord(rowJson) && (typeof rowJson["value"] === "string" || typeof rowJson["value"] === "number")) {
    return String(rowJson["value"]);
  }
  return undefined;
}

function collectThemes(elements: unknown, out: Record<string, ThemeId[]>): void {
  if (!Array.isArray(elements)) return;
  for (const element of elements) {
    if (!isRecord(element)) continue;
    const { name, type } = element;
    // Panels group questions; their children carry the themes.
    if (type === "panel") {
      collectThemes(element["elements"], out);
      continue;
    }
    if (typeof name === "string" && name !== "") {
      const bank = BANK_BY_NAME.get(name);
      const own = readThemes(element["themes"]);
      const themes = own ?? (bank ? [...bank.themes] : []);
      out[name] = themes;
      if (type === "matrix" && Array.isArray(element["rows"])) {
        const bankRows: Readonly<Record<string, readonly ThemeKey[]>> =
          bank && bank.element["type"] === "matrix" ? rowThemes : {};
        for (const rowJson of element["rows"]) {
          const key = rowValue(rowJson);
          if (key === undefined) continue;
          const rowOwn = isRecord(rowJson) ? readThemes(rowJson["themes"]) : undefined;
          const fromBank = own === undefined ? bankRows[key] : undefined;
          out[`${name}.${key}`] = rowOwn ?? (fromBank ? [...fromBank] : [...themes]);
        }
      }
    }
    // Dynamic panels hold their questions in `templateElements`.
    collectThemes(element["templateElements"], out);
  }
}

/**
 * Theme keys of every question of a definition (and of every matrix row, as `name.row`): an element's own
 * `themes` array wins, then the bank's tags, else none. Keys a kommun added itself pass through unchanged.
 */
export function questionThemes(definition: SurveyDefinition): Record<string, ThemeId[]> {
  const out: Record<string, ThemeId[]> = {};
  collectThemes(definition.elements, out);
  for (const page of definition.pages ?? []) collectThemes(page.elements, out);
  return out;
}

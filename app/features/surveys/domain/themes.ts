/**
 * The standard theme taxonomy (docs/domain/themes.md). Every survey question, coded comment, meeting topic,
 * focus area and promise refers to these keys, so keys are stable identifiers and never renamed.
 * A kommun may add its own themes elsewhere; these eleven cannot be deleted.
 */

/** Which translations a native speaker has checked. Swedish is the source language of all texts. */
export type TranslationState = "source" | "machine_draft_awaiting_review" | "native_reviewed";

/**
 * English and Finnish texts in this module and in the question bank were drafted by the development team,
 * not by native speakers; the UI should say so until they are reviewed.
 */
export const TRANSLATION_STATUS = {
  sv: "source",
  en: "machine_draft_awaiting_review",
  fi: "machine_draft_awaiting_review",
} as const satisfies Record<"sv" | "en" | "fi", TranslationState>;

/** The standard theme keys, in the order of docs/domain/themes.md#rules (also the order of suggestions and of `priorities`). */
export const THEME_KEYS = [
  "police_presence",
  "traffic_safety",
  "drugs_andt",
  "domestic_violence",
  "volume_crime",
  "public_safety",
  "violent_crime",
  "youth",
  "physical_environment",
  "cooperation",
  "integration",
] as const;

export type ThemeKey = (typeof THEME_KEYS)[number];

export type Theme = {
  label: { sv: string; en: string; fi: string };
  covers: { sv: string; en: string };
};

export const THEMES: Readonly<Record<ThemeKey, Theme>> = {
  police_presence: {
    label: {
      sv: "Polisiär närvaro och tillgänglighet",
      en: "Police presence and accessibility",
      fi: "Poliisin läsnäolo ja tavoitettavuus",
    },
    covers: {
      sv: "Synlighet, fotpatrullering, medborgarkontakter, insatstid och polisens tillgänglighet",
      en: "Visibility, foot patrols, citizen contacts, response and accessibility of the police",
    },
  },
  traffic_safety: {
    label: { sv: "Trafiksäkerhet", en: "Traffic safety", fi: "Liikenneturvallisuus" },
    covers: {
      sv: "Fortkörning, mopeder och A-traktorer, rattfylleri och drograttfylleri, terrängfordon, vägbelysning",
      en: "Speeding, mopeds and A-traktorer, drink and drug driving, terrain vehicles, road lighting",
    },
  },
  drugs_andt: {
    label: {
      sv: "Narkotika, alkohol och droger (ANDT)",
      en: "Drugs, alcohol and other substances (ANDT)",
      fi: "Huumeet, alkoholi ja muut päihteet (ANDT)",
    },
    covers: {
      sv: "Narkotikaförsäljning och narkotikabruk, ungas alkohol, dopning, tobak, hundsök i skolor",
      en: "Drug dealing and use, young people's alcohol, doping, tobacco, dog searches in schools",
    },
  },
  domestic_violence: {
    label: { sv: "Våld i nära relation", en: "Domestic violence", fi: "Lähisuhdeväkivalta" },
    covers: {
      sv: "Våld i parrelationer och i familjen, stöd till brottsutsatta, anmälan",
      en: "Intimate-partner and family violence, support to victims, reporting",
    },
  },
  volume_crime: {
    label: { sv: "Mängdbrott", en: "High-volume crime", fi: "Arkirikollisuus" },
    covers: {
      sv: "Snatteri, skadegörelse, stöld, inbrott, grannsamverkan",
      en: "Shoplifting, vandalism, theft, burglary, neighbourhood watch",
    },
  },
  public_safety: {
    label: {
      sv: "Trygghet i offentlig miljö",
      en: "Safety in public places",
      fi: "Turvallisuus julkisilla paikoilla",
    },
    covers: {
      sv: "Otrygghet utomhus, otrygga platser, ordningsstörningar, stök, riskkvällar, trygghetsvandringar",
      en: "Feeling unsafe outdoors, unsafe places, disorder, rowdiness, risk evenings, trygghetsvandringar",
    },
  },
  violent_crime: {
    label: { sv: "Våldsbrott", en: "Violent crime", fi: "Väkivaltarikokset" },
    covers: {
      sv: "Misshandel, hot och rån på allmän plats",
      en: "Assault, threats, robbery in public places",
    },
  },
  youth: {
    label: { sv: "Unga och unga vuxna", en: "Young people and young adults", fi: "Nuoret ja nuoret aikuiset" },
    covers: {
      sv: "Ungas situation, fritid, tidiga insatser, skola",
      en: "Young people's situation, leisure, early intervention, school",
    },
  },
  physical_environment: {
    label: { sv: "Fysisk miljö", en: "Physical environment", fi: "Fyysinen ympäristö" },
    covers: {
      sv: "Nedskräpning, klotter, belysning, igenväxta gångvägar, förfallna byggnader",
      en: "Littering, graffiti, lighting, overgrown paths, derelict buildings",
    },
  },
  cooperation: {
    label: { sv: "Samverkan och struktur", en: "Cooperation and structure", fi: "Yhteistyö ja rakenteet" },
    covers: {
      sv: "Lokalt BRÅ, SSPF/PSS-grupper, EST, samverkan med fastighetsägare och näringsliv",
      en: "Local BRÅ, SSPF/PSS groups, EST, cooperation with landlords and businesses",
    },
  },
  integration: {
    label: {
      sv: "Integration och information",
      en: "Integration and information",
      fi: "Kotoutuminen ja tiedottaminen",
    },
    covers: {
      sv: "Att nå nyanlända invånare, information på andra språk",
      en: "Reaching newly arrived residents, information in other languages",
    },
  },
};

/**
 * Swedish keyword lexicon (lower-case stems) that seeds automatic theme suggestions on free text.
 * Analysts accept or reject suggestions; the lexicon is meant to grow from what they accept.
 */
export const THEME_LEXICON: Readonly<Record<ThemeKey, readonly string[]>> = {
  police_presence: [
    "polis",
    "synas",
    "syns",
    "patrull",
    "närvaro",
    "tillgänglig",
    "ringa",
    "114 14",
    "svarstid",
    "kommer aldrig",
  ],
  traffic_safety: [
    "trafik",
    "fart",
    "hastighet",
    "moped",
    "a-traktor",
    "epa",
    "bil",
    "rattfyll",
    "skoter",
    "korsning",
    "övergångsställe",
    "cykel",
  ],
  drugs_andt: [
    "narkotika",
    "knark",
    "droger",
    "hasch",
    "cannabis",
    "langning",
    "alkohol",
    "fylla",
    "berusad",
    "påverkad",
    "snus",
    "tobak",
    "vape",
  ],
  domestic_violence: ["våld i hemmet", "misshandel hemma", "kvinnofrid", "nära relation", "partner", "familjevåld"],
  volume_crime: ["stöld", "snatteri", "inbrott", "skadegörelse", "cykelstöld", "klotter", "vandalisering"],
  public_safety: [
    "otrygg",
    "rädd",
    "mörkt",
    "ensam",
    "kväll",
    "natt",
    "gäng",
    "bråk",
    "stök",
    "ungdomsgäng",
    "centrum",
    "busstation",
  ],
  violent_crime: ["våld", "misshandel", "hot", "rån", "kniv", "slagsmål"],
  youth: ["ungdomar", "unga", "skola", "fritidsgård", "ungdomsgård", "sysselsättning", "föräldrar", "vuxna ute"],
  physical_environment: ["belysning", "lampa", "buskage", "skräp", "nedskräpning", "klotter", "övergiven", "glaskross"],
  cooperation: ["samverkan", "brå", "hyresvärd", "företag", "näringsidkare", "grannsamverkan"],
  integration: ["nyanländ", "språk", "invandrare", "sfi", "information på andra språk"],
};

/**
 * Words that start with a short stem but mean something else. Without these, "bråk" (rowdiness, very common in
 * answers) would suggest `cooperation` through the stem "brå" (the local crime-prevention council), and "bild"
 * would suggest `traffic_safety` through "bil". A word is not matched by `stem` if it starts with one of these.
 */
export const LEXICON_EXCLUSIONS: Readonly<Record<string, readonly string[]>> = {
  brå: ["bråk"],
  bil: ["bild", "bilag"],
  hot: ["hotell"],
  fart: ["fartyg"],
};

function normalise(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("sv-SE");
}

// Letters and digits, keeping inner hyphens so that "a-traktorer" and "epa-traktor" stay one word.
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

function stemMatchesWord(stem: string, word: string): boolean {
  if (!word.startsWith(stem)) return false;
  const excluded = LEXICON_EXCLUSIONS[stem] ?? [];
  return !excluded.some((prefix) => word.startsWith(prefix));
}

/**
 * Suggests standard themes for a free-text answer: a single-word keyword matches when a word of the text starts
 * with it; a keyword with a space ("våld i hemmet", "114 14") matches as a substring of the whitespace-normalised
 * text. Returns theme keys in `THEME_KEYS` order, each once.
 */
export function suggestThemes(text: string): ThemeKey[] {
  const lower = normalise(text);
  const words = lower.match(WORD) ?? [];
  // Punctuation and line breaks become single spaces, so "våld i\nhemmet." still contains "våld i hemmet".
  const spaced = ` ${lower.replace(/[^\p{L}\p{N}-]+/gu, " ").trim()} `;
  return THEME_KEYS.filter((key) =>
    THEME_LEXICON[key].some((keyword) =>
      keyword.includes(" ") ? spaced.includes(keyword) : words.some((word) => stemMatchesWord(keyword, word)),
    ),
  );
}

/**
 * The Swedish keyword lexicon that suggests themes for free-text comments (docs/domain/statistics.md#free-text-coding, docs/domain/themes.md#full-lexicon), shipped as data.
 * It extends the seed list of themes.ts (`THEME_LEXICON`, docs/domain/themes.md#seed-list) with inflections, compounds and
 * variants seen in trygghet surveys; analysts accept or reject each suggestion, so a wrong hit costs a click and
 * is never counted until accepted.
 *
 * Four kinds of keyword, all lower-case:
 * - `prefixes`: a word starting with it matches ("inbrott" → "inbrotten", "inbrottsvåg");
 * - `infixes`: a word containing it anywhere matches, for the heads of Swedish compounds ("stöld" → "cykelstölder",
 *   "belysning" → "gatubelysningen"); only long, unambiguous stems belong here;
 * - `words`: only the whole word matches (abbreviations such as "brå", "est", "sfi");
 * - `phrases`: several words, matched in the text with punctuation and line breaks turned into single spaces.
 * Exclusions stop short stems from matching other words ("bråk" is not "brå", "bild" is not "bil").
 */
import { LEXICON_EXCLUSIONS, THEME_KEYS, THEME_LEXICON, type ThemeKey } from "./themes";

export interface LexiconEntry {
  prefixes: readonly string[];
  infixes: readonly string[];
  words: readonly string[];
  phrases: readonly string[];
}

/** Additions to the seed lexicon of themes.ts, per theme. */
const ADDITIONS: Readonly<Record<ThemeKey, LexiconEntry>> = {
  police_presence: {
    prefixes: [
      "polis",
      "synlig",
      "fotpatrull",
      "patrullera",
      "närpolis",
      "kommunpolis",
      "lokalpolis",
      "områdespolis",
      "ringde",
      "ringer",
      "insatstid",
      "ordningsvakt",
    ],
    infixes: ["polisen", "polisbil", "polisstation"],
    words: ["112"],
    phrases: ["ingen polis", "inga poliser", "kommer inte", "svarar inte", "svarar när man ringer"],
  },
  traffic_safety: {
    prefixes: [
      "trafik",
      "fortkör",
      "hastighet",
      "moped",
      "a-traktor",
      "epa-traktor",
      "epa",
      "bilar",
      "bilist",
      "rattfyll",
      "drograttfyll",
      "skoter",
      "skotrar",
      "buskör",
      "farthinder",
      "genomfart",
      "nykterhetskontroll",
      "övergångsställ",
      "gångfart",
      "lastbil",
      "motorcykel",
      "fyrhjuling",
    ],
    infixes: ["trafik", "hastighet", "rattfyll", "skoter", "skotrar", "moped"],
    words: ["bil", "bilen", "fart", "farten", "smadit"],
    phrases: ["för fort", "kör fort", "a traktor", "epa traktor", "för höga hastigheter"],
  },
  drugs_andt: {
    prefixes: [
      "narkotika",
      "knark",
      "droger",
      "drogerna",
      "drogpåverk",
      "drogfri",
      "drogmissbruk",
      "hasch",
      "cannabis",
      "marijuana",
      "langning",
      "langar",
      "langa",
      "alkohol",
      "fylla",
      "fyllo",
      "berusad",
      "berusade",
      "påverkad",
      "snus",
      "tobak",
      "vape",
      "sprit",
      "druck",
      "dricker",
      "missbruk",
      "dopning",
      "tjack",
      "amfetamin",
      "kokain",
      "pundare",
      "nykterhet",
      "hembränt",
      "rattfyll",
      "drograttfyll",
      "krog",
    ],
    infixes: ["narkotika", "knark", "alkohol", "missbruk", "langning"],
    words: ["drog"],
    phrases: [],
  },
  domestic_violence: {
    prefixes: [
      "kvinnofrid",
      "familjevåld",
      "partnervåld",
      "kvinnojour",
      "kvinnomisshandel",
      "hedersvåld",
      "hedersrelat",
    ],
    infixes: ["familjevåld", "partnervåld", "kvinnofrid"],
    words: [],
    phrases: [
      "våld i hemmet",
      "misshandel hemma",
      "nära relation",
      "nära relationer",
      "slår sin fru",
      "slår sin sambo",
      "våld i familjen",
      "mäns våld mot kvinnor",
    ],
  },
  volume_crime: {
    prefixes: [
      "stöld",
      "stjäl",
      "stulen",
      "stulna",
      "stulit",
      "snatteri",
      "snattar",
      "inbrott",
      "skadegörelse",
      "cykelstöld",
      "klotter",
      "vandalis",
      "bedrägeri",
      "bedragare",
      "bluffsamtal",
      "grannsamverkan",
      "krossade",
      "sönderslag",
    ],
    infixes: ["stöld", "inbrott", "snatteri", "skadegör", "bedrägeri", "klotter"],
    words: [],
    phrases: ["krossade rutor", "blivit av med"],
  },
  public_safety: {
    prefixes: [
      "otrygg",
      "rädd",
      "mörk",
      "ensam",
      "kväll",
      "natt",
      "gäng",
      "bråk",
      "stök",
      "ungdomsgäng",
      "centrum",
      "busstation",
      "busshållplats",
      "oro",
      "orolig",
      "undvik",
      "obehag",
      "trygghetsvandring",
      "riskkväll",
      "ordningsstör",
      "skrämm",
      "kameraövervak",
    ],
    infixes: ["otrygg", "ungdomsgäng", "busstation"],
    words: [],
    phrases: ["inte trygg", "känner mig inte säker", "vågar inte"],
  },
  violent_crime: {
    prefixes: [
      "våld",
      "misshandel",
      "misshandl",
      "hot",
      "hota",
      "rån",
      "kniv",
      "slagsmål",
      "slåss",
      "överfall",
      "skottlossning",
      "skjut",
      "vapen",
      "knivhugg",
      "gängvåld",
    ],
    infixes: ["våldsbrott", "misshandel", "slagsmål", "överfall"],
    words: [],
    phrases: ["slog ner", "blev slagen"],
  },
  youth: {
    prefixes: [
      "ungdom",
      "unga",
      "ungas",
      "unge",
      "skol",
      "elev",
      "fritidsgård",
      "ungdomsgård",
      "sysselsättning",
      "föräld",
      "tonåring",
      "fältassistent",
      "fältare",
      "nattvandr",
      "högstadi",
      "mellanstadi",
      "gymnasi",
      "fritidsaktivitet",
    ],
    infixes: ["ungdom", "skolgård", "fritidsgård"],
    words: [],
    phrases: ["vuxna ute", "fler vuxna", "aktiviteter för unga", "för unga"],
  },
  physical_environment: {
    prefixes: [
      "belysning",
      "belyst",
      "mörk",
      "upplyst",
      "lampa",
      "lampor",
      "gatlykt",
      "buskage",
      "buskar",
      "sly",
      "skräp",
      "nedskräp",
      "klotter",
      "övergiven",
      "övergivna",
      "förfall",
      "glaskross",
      "fimp",
      "igenvux",
      "röj",
      "städa",
      "sopor",
      "graffiti",
    ],
    infixes: ["belysning", "skräp", "glaskross", "lampor"],
    words: [],
    phrases: ["krossat glas", "trasiga lampor", "saknar belysning"],
  },
  cooperation: {
    prefixes: [
      "samverkan",
      "samverka",
      "samarbet",
      "hyresvärd",
      "fastighetsägare",
      "företag",
      "näringsidkare",
      "handlare",
      "grannsamverkan",
      "medborgardialog",
      "medborgarlöfte",
      "sspf",
    ],
    infixes: ["samverkan"],
    words: ["brå", "est", "sspf", "pss"],
    phrases: ["lokala brå", "effektiv samordning"],
  },
  integration: {
    prefixes: [
      "nyanländ",
      "språk",
      "invandr",
      "tolk",
      "utrikesfödd",
      "flykting",
      "asyl",
      "integration",
      "integrer",
      "meänkieli",
    ],
    infixes: ["språk"],
    words: ["sfi", "finska", "arabiska", "somaliska", "tigrinja", "dari"],
    phrases: ["information på andra språk", "på andra språk"],
  },
};

/**
 * Words that start with (or contain) a keyword but mean something else: a word is not matched by a keyword if
 * it starts with one of the listed prefixes. Extends LEXICON_EXCLUSIONS of themes.ts.
 */
export const EXCLUSIONS: Readonly<Record<string, readonly string[]>> = {
  ...LEXICON_EXCLUSIONS,
  bil: [...(LEXICON_EXCLUSIONS["bil"] ?? []), "bilj"],
  // A bicycle theft is volume crime and a cycle path is the physical environment, not traffic.
  cykel: ["cykelstöld", "cykelväg"],
  unge: ["ungefär"],
  sly: ["slyng"],
  // Reporting a crime to the police is not about police presence.
  polis: ["polisanmäl"],
  tolk: ["tolka"],
};

function merge(seed: readonly string[], add: LexiconEntry): LexiconEntry {
  const single = seed.filter((k) => !k.includes(" "));
  const multi = seed.filter((k) => k.includes(" "));
  const uniq = (xs: readonly string[]) => [...new Set(xs)];
  return {
    prefixes: uniq([...single, ...add.prefixes]),
    infixes: uniq(add.infixes),
    words: uniq(add.words),
    phrases: uniq([...multi, ...add.phrases]),
  };
}

/** The full lexicon: the seed list of themes.ts and the additions above, per standard theme. */
export const THEME_LEXICON_SV: Readonly<Record<ThemeKey, LexiconEntry>> = Object.fromEntries(
  THEME_KEYS.map((key) => [key, merge(THEME_LEXICON[key], ADDITIONS[key])]),
) as Record<ThemeKey, LexiconEntry>;

// Letters and digits, keeping inner hyphens so that "a-traktorer" stays one word.
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

function excluded(keyword: string, word: string, at: number): boolean {
  const rest = word.slice(at);
  return (EXCLUSIONS[keyword] ?? []).some((prefix) => rest.startsWith(prefix));
}

function prefixMatch(keyword: string, word: string): boolean {
  return word.startsWith(keyword) && !excluded(keyword, word, 0);
}

function infixMatch(keyword: string, word: string): boolean {
  for (let at = word.indexOf(keyword); at >= 0; at = word.indexOf(keyword, at + 1)) {
    if (!excluded(keyword, word, at)) return true;
  }
  return false;
}

export interface ThemeSuggestion {
  theme: ThemeKey;
  /** The keywords of the lexicon that matched, as they stand in the lexicon ("fylla", "våld i hemmet"). */
  matches: string[];
}

/**
 * The standard themes a free-text comment mentions by the lexicon, in THEME_KEYS order, each with the keywords
 * that matched (so the page can say why a theme is suggested). Empty for text without any keyword.
 */
export function suggestThemesWithMatches(text: string): ThemeSuggestion[] {
  const lower = text.normalize("NFC").toLocaleLowerCase("sv-SE");
  const words: string[] = lower.match(WORD) ?? [];
  const spaced = ` ${lower.replace(/[^\p{L}\p{N}-]+/gu, " ").trim()} `;
  const out: ThemeSuggestion[] = [];
  for (const theme of THEME_KEYS) {
    const e = THEME_LEXICON_SV[theme];
    const matches = new Set<string>();
    for (const k of e.phrases) if (spaced.includes(` ${k}`)) matches.add(k);
    for (const k of e.words) if (words.includes(k)) matches.add(k);
    for (const k of e.prefixes) if (words.some((w) => prefixMatch(k, w))) matches.add(k);
    for (const k of e.infixes) if (words.some((w) => infixMatch(k, w))) matches.add(k);
    if (matches.size) out.push({ theme, matches: [...matches] });
  }
  return out;
}

/** The suggested theme keys of a comment (suggestThemesWithMatches without the keywords). */
export function suggestCommentThemes(text: string): ThemeKey[] {
  return suggestThemesWithMatches(text).map((s) => s.theme);
}

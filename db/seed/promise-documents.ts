/**
 * The five real medborgarlöfte documents in `db/seed/documents/` (public documents, described in docs/domain/seeds.md) as
 * structured data: period, follow-up, sections, focus areas and every promise with its original wording.
 *
 * Faithfulness rules, checked by promise-documents.test.ts against the text files:
 * - `originalText` is the bullet exactly as published (typos included), without the bullet sign and the
 *   surrounding whitespace. Section texts, focus-area backgrounds and leads are verbatim too (paragraphs joined
 *   with a blank line, bullet lists as "• " lines).
 * - A target is read from the bullet itself: "per år" and "under året" → per year; "per vecka" → per week, "i snitt
 *   per vecka" also `averaged`; a number with no period → per "period" (the whole document period). "minst" →
 *   comparator "at_least", a bare number ("vid två tillfälllen") → "exactly".
 * - A promise with no number and no date gets `{ kind: "none" }`: it will show as not measurable. The documents'
 *   soft wordings ("verka för", "arbeta för") are not turned into targets they do not state.
 * - The owner (`responsible`) follows the bullet's subject; where the bullet has none, the focus area's lead
 *   ("Polisen ... tillsammans med ... kommun arbetar ... genom att:"); operations only the police can carry out
 *   (riktade insatser, sök med hund, trafikarbete) are owned by "polis", with the kommun's services in `partners`.
 * Judgement calls are written down in `notes` (per document) and `note` (per promise).
 */
import type { ThemeKey } from "../../app/features/surveys/domain/themes";
import type { CitizenPromise, KnownPartner } from "../../app/features/promises/domain/target";

export type KommunSlug = "haparanda" | "kalix" | "pajala" | "overtornea" | "harjedalen";

export type SeedPromise = CitizenPromise & {
  /** The bullet as published, verbatim. */
  originalText: string;
  partners?: KnownPartner[];
  /** Themes of the promise when they differ from its activity type's defaults. */
  themes?: ThemeKey[];
  /** A judgement call made when structuring this promise. */
  note?: string;
};

export type SeedFocusArea = {
  /** As in the document; for Härjedalen, whose document has no headings, taken from its list of focus areas. */
  title: string;
  titleIsDerived?: boolean;
  themes: ThemeKey[];
  /** The paragraph(s) under the heading that explain why, verbatim; "" where the document has none. */
  background: string;
  /** The sentence that introduces the bullets ("... genom att:"), verbatim, when there is one. */
  lead?: string;
  promises: SeedPromise[];
};

export type DocumentSections = {
  inledning: string;
  problembild: string;
  malsattning: string;
  genomforande: string;
  kommunikation: string;
  uppfoljning: string;
};

export type SeedPromiseDocument = {
  kommun: KommunSlug;
  /** Police organisation slug (db/seed/organisations.ts); Härjedalen's document names "Polisen" without an LPO. */
  lpo: "ostra-norrbotten" | null;
  /** File name in db/seed/documents/. */
  sourceFile: string;
  title: string;
  /** The opening promise sentence under the title, verbatim. */
  lead: string;
  /** Normalised label of the period ("2020–2022"). */
  periodLabel: string;
  /** The document's own heading for the promises, if it has one ("Medborgarlöften 2020–2022"). */
  periodHeading: string | null;
  periodStart: string;
  periodEnd: string;
  /** The sentence that fixes the written follow-up, verbatim. */
  followUpText: string;
  followUpDue: string;
  sections: DocumentSections;
  focusAreas: SeedFocusArea[];
  notes: string[];
};

const p = (promise: SeedPromise): SeedPromise => promise;
const q = (quantity: number, per: "week" | "year" | "period", extra: { averaged?: boolean; exactly?: boolean } = {}) =>
  ({
    kind: "quantity",
    quantity,
    per,
    comparator: extra.exactly ? "exactly" : "at_least",
    ...(extra.averaged ? { averaged: true } : {}),
  }) as const;
const NONE = { kind: "none" } as const;

// Shared wording of the four documents from LPO Östra Norrbotten.
const MALSATTNING_OSTRA_NORRBOTTEN =
  "De angivna aktiviteterna ska sammanfattningsvis bidra till bättre folkhälsa, verka brottsförebyggande och ha trygghetsskapande effekter.";

export const SEED_DOCUMENTS: readonly SeedPromiseDocument[] = [
  // -------------------------------------------------------------------------------------------------------------
  {
    kommun: "haparanda",
    lpo: "ostra-norrbotten",
    sourceFile: "haparanda-2020-2022.txt",
    title: "Haparanda – medborgarlöften",
    lead: "Lokalpolisområde Östra Norrbotten och Haparanda kommun lovar att gemensamt arbeta för en god folkhälsa, verka brottsförebyggande och öka tryggheten för medborgarna i Haparanda genom att:",
    periodLabel: "2020–2022",
    periodHeading: "Medborgarlöften 2020–2022",
    periodStart: "2020-01-01",
    periodEnd: "2022-12-31",
    followUpText: "En skriftlig uppföljning sammanställs senast februari 2023.",
    followUpDue: "2023-02-28",
    sections: {
      inledning: "",
      problembild:
        "Av svaren från en medborgarenkät, samtal med kommunen och medarbetardialoger inom polisen så har det framkommit fyra inriktningar som polisen i östra Norrbotten och kommunen ska arbeta med:\n\n" +
        "• Polisiär närvaro/trygghet och grannsamverkan\n• Droger/folkhälsa\n• Trafiksäkerhet\n• Våld i nära relationer",
      malsattning:
        "De angivna aktiviteterna ska sammanfattningsvis bidra till bättre folkhälsa, verka brottsförebyggande och ha trygghetsskapande effekter för medborgarna i Haparanda.",
      genomforande:
        "Arbetet kring medborgardialog och löften, läggs in som en del i befintligt samverkansavtal/överenskommelse, mellan lokalpolisområde Östra Norrbotten och Haparanda kommun.\n\n" +
        "Utifrån medborgarlöftet ska genomförande- och/eller handlingsplaner upprättas gemensamt och/eller enskilt av ansvariga parter.",
      kommunikation:
        "Haparanda kommun och polisen ska tillsammans stärka kommunikationen/informationen i det förebyggande arbetet bl.a. med hjälp av tidningar och sociala medier.",
      uppfoljning:
        "Sker kontinuerligt med rapportering till chefen för lokalpolisområde Östra Norrbotten samt företrädare för kommunen. Årlig avstämning av medborgarlöftena ska ske, senast under första kvartalet varje år. En skriftlig uppföljning sammanställs senast februari 2023.",
    },
    focusAreas: [
      {
        title: "Polisiär närvaro/trygghet och grannsamverkan",
        themes: ["police_presence", "public_safety", "volume_crime"],
        background:
          "I medborgarenkäten så efterfrågar kommunmedborgarna en ökad närvaro och en större tillgänglighet av polisen. De önskar även att kommunen tar ett ansvar för tryggheten, speciellt för ungdomarna, på kvällar.",
        promises: [
          p({
            responsible: "polis",
            activityType: "fotpatrullering",
            places: ["COOP", "MAX", "skolor", "IKEA", "ungdomsgården"],
            target: q(1, "week"),
            originalText:
              "Polisiär fotpatrullering på publika platser såsom COOP, MAX, skolor, IKEA, ungdomsgården ska genomföras minst en (1) gång per vecka.",
          }),
          p({
            responsible: "bada",
            activityType: "riskkvall",
            target: q(2, "year"),
            originalText: "Polis och kommun ska samverka och finnas närvarande vid minst två (2) ”riskkvällar” per år.",
          }),
          p({
            responsible: "bada",
            activityType: "trygghetsvandring",
            activityText: "tillsammans med kommunen",
            target: q(1, "year"),
            originalText:
              "Polisen i Östra Norrbotten och kommunen lovar att utföra minst en (1) gemensam trygghetsvandring per år.",
          }),
          p({
            responsible: "bada",
            activityType: "grannsamverkan",
            activityText: "i kommunen",
            target: NONE,
            originalText:
              "Kommun och polis kommer att verka för att etablera och utveckla konceptet grannsamverkan i kommunen.",
          }),
        ],
      },
      {
        title: "Droger/folkhälsa",
        themes: ["drugs_andt"],
        background:
          "Av medborgarenkäten och medarbetardialogen så framkommer att medborgarna vill att polisen och kommunen arbetar för att förebygga och minska drogmissbruket i Haparanda kommun. Medborgarenkäten visar på att många i Haparanda känner någon som brukar narkotika, merparten tycker att narkotikan har ökat de senaste åren och merparten tycker att kommun och polis skall göra mer för att förebygga problematiken.",
        lead: "Polisen i Östra Norrbotten tillsammans med Haparanda kommun arbetar förebyggande med att minska drogmissbruket i Haparanda genom att:",
        promises: [
          p({
            responsible: "polis",
            partners: ["socialtjansten"],
            activityType: "riktad_insats",
            activityText: "mot narkotika",
            target: q(4, "year"),
            originalText:
              "Genomföra minst fyra (4) riktade insatser i kommunen per år för att förebygga och minska narkotikamissbruk bland ungdomar såväl som vuxna. Detta kan ske i samverkan med socialtjänst och/eller andra samverkansparter från kommunen eller externt.",
            note: "The lead names police and kommun; a riktad insats is a police operation, socialtjänst optional partner.",
          }),
          p({
            responsible: "polis",
            partners: ["skolan"],
            activityType: "narkotikahund_skola",
            target: q(2, "year"),
            originalText:
              "Genomföra sök med hund i skolmiljö vid minst två (2) tillfällen per år. Kommunen och polisen ska se till så att polisen söker enligt uppsatta regler gällande detta arbetssätt.",
          }),
          p({
            responsible: "kommun",
            partners: ["skolan"],
            activityType: "utbildning",
            activityText: "för lärare, elever och vårdnadshavare om narkotikans skadeverkningar",
            target: NONE,
            themes: ["drugs_andt", "youth"],
            originalText:
              "Kommunen åtar sig att utbilda lärare, elever och vårdnadshavare i narkotikans skadeverkningar och målet är att förmedla bättre kunskaper och därigenom minska bruket/missbruket av narkotika.",
          }),
          p({
            responsible: "bada",
            partners: ["skolan", "socialtjansten"],
            activityType: "sspf",
            activityText: "med orossamtal som en viktig del",
            target: NONE,
            originalText:
              "Kommun och polis ska samverka via PSS-gruppen (polis, skola och socialtjänst). Orossamtal är en viktig del i denna samverkan.",
            note: "PSS (polis, skola, socialtjänst) is SSPF without fritid; typed as sspf, orossamtal named in the text.",
          }),
        ],
      },
      {
        title: "Trafiksäkerhet",
        themes: ["traffic_safety"],
        background:
          "Trafikproblem orsakade av de personer som framför mopeder och A-traktorer kan konstateras vara ett stort problem, särskilt under sommaren. Utöver det dagliga trafiksäkerhetsarbetet så kommer det särskilt att riktas insatser mot drograttfylleri och mopeder/A-traktorer.",
        promises: [
          p({
            responsible: "polis",
            activityType: "trafiksakerhetsinsats",
            activityText: "mot A-traktorer och mopeder",
            target: q(2, "year"),
            originalText:
              "Polisen ska jobba mot trafikbrott gällande A-traktorer och mopeder vid minst två (2) tillfällen per år.",
          }),
        ],
      },
      {
        title: "Våld i nära relationer",
        themes: ["domestic_violence"],
        background:
          "Haparanda kommun arbetar för att minska våld i nära relationer. Detta arbete kräver samverkan mellan olika myndigheter varav polisen är en av dessa.",
        promises: [
          p({
            responsible: "bada",
            activityType: "annat",
            activityText:
              "samverka för att hjälpa våldsutsatta att anmäla våld i nära relation och för att förövare lagförs",
            target: NONE,
            originalText:
              "Polis och kommun ska samverka för att hjälpa våldsutsatta att anmäla våld i nära relation, samt att ha ett sådant arbetssätt som verkar för att de som utsätter andra för våld i möjligaste mån ska lagföras.",
          }),
          p({
            responsible: "polis",
            activityType: "annat",
            activityText: "stötta brottsoffer i den polisiära processen och utöka kapaciteten för det",
            target: NONE,
            originalText:
              "Polisen skall stötta brottsoffer i den polisiära processen och lovar att utöka sin kapacitet att utföra detta.",
          }),
        ],
      },
    ],
    notes: [
      "No “Inledning” heading: the opening sentence is kept as `lead`, `inledning` is empty.",
      "“senast februari 2023” → followUpDue 2023-02-28 (last day of the month). The yearly review “senast under första kvartalet varje år” stays in the uppföljning text.",
    ],
  },
  // -------------------------------------------------------------------------------------------------------------
  {
    kommun: "kalix",
    lpo: "ostra-norrbotten",
    sourceFile: "kalix-2022-2023.txt",
    title: "Kalix – medborgarlöften",
    lead: "Lokalpolisområde Östra Norrbotten och Kalix kommun lovar att gemensamt arbeta för att öka tryggheten och minska brottsligheten genom följande aktiviteter:",
    periodLabel: "2022–2023",
    periodHeading: "Medborgarlöfte 2022-2023",
    periodStart: "2022-01-01",
    periodEnd: "2023-12-31",
    followUpText: "En skriftlig uppföljning sammanställs senast februari 2024.",
    followUpDue: "2024-02-29",
    sections: {
      inledning:
        "En av grundpelarna i Polismyndigheten är att polisen ska verka närmare medborgarna i kommunen. Medborgarna ska kunna vara delaktiga i processer där dialog är en viktig del för att skapa möjligheter att påverka polisens inriktning av det brottsförebyggande arbetet.\n\n" +
        "Medborgarlöften är en utveckling av de samverkansöverenskommelser som finns mellan kommun och polis. Det nya är att medborgar- och medarbetarperspektivet i högre utsträckning tas tillvara för att synliggöra den lokala problembilden.\n\n" +
        "När löftena tas fram ska medborgarna lokalt involveras och löftena ska innehålla det som medborgarna upplever som problem. Det handlar om inriktningar som kommun och polis tillsammans kommit överens om för att öka tryggheten och minska brottsligheten.\n\n" +
        "Enligt BRÅ:S rekommendationer och förändrad lagstiftning så kommer ett större brottsförebyggande ansvar att åläggas kommunen relaterat till tidigare års löften.",
      problembild:
        "Av svaren från medborgarenkäten och medarbetardialoger framkommer det att de fyra viktigaste områdena som polisen i östra Norrbotten och kommunen ska arbeta med och emot i Kalix kommun är:\n\n" +
        "• Polisiär närvaro/tillgänglighet/trafiksäkerhet\n• Drogmissbruk\n• Mängdbrott\n• Våld i nära relation",
      malsattning: MALSATTNING_OSTRA_NORRBOTTEN,
      genomforande:
        "Arbetet kring medborgardialog och löften, läggs in som en del i befintligt samverkansavtal/överenskommelse, mellan lokalpolisområde Östra Norrbotten och Kalix kommun.\n\n" +
        "Utifrån medborgarlöftet skall genomförande- och/eller handlingsplaner upprättas gemensamt och/eller enskilt av ansvariga parter.",
      kommunikation:
        "Kalix kommun och polisen ska tillsammans stärka kommunikationen/informationen i det förebyggande arbetet. Kan t ex vara i form av återkommande veckobrev och/eller sociala medier.",
      uppfoljning:
        "Sker kontinuerligt med rapportering till chefen för lokalpolisområde Östra Norrbotten samt kommunalrådet i Kalix via ordförande i lokala Kalix Brå. En skriftlig uppföljning sammanställs senast februari 2024.",
    },
    focusAreas: [
      {
        title: "Polisiär närvaro, tillgänglighet, trafiksäkerhet",
        themes: ["police_presence", "traffic_safety"],
        background:
          "Av lägesbilden framkommer att medborgare vill se att polisen syns ute bland allmänheten samt arbetar för ökad trafiksäkerhet.",
        promises: [
          p({
            responsible: "polis",
            activityType: "medborgarkontakt",
            target: q(3, "week", { averaged: true }),
            originalText:
              "Genomföra minst tre medborgarkontakter i snitt per vecka på utvalda platser under de tider som många människor rör sig ute på samhället.",
            note: "No subject in the bullet; the background is about the police being seen, so the police own it.",
          }),
          p({
            responsible: "polis",
            activityType: "trafiksakerhetsinsats",
            activityText: "med inriktning på A-traktorer och mopeder",
            target: q(4, "year"),
            originalText:
              "Genomföra minst fyra trafiksäkerhetsinsatser per år på särskilt utvalda ställen och tidpunkter i kommunen. En prioriterad inriktning i trafikarbetet är A-traktorer/mopeder.",
          }),
        ],
      },
      {
        title: "Drogförebyggande",
        themes: ["drugs_andt"],
        background:
          "Av den samlade lägesbilden framkommer att medborgarna, medarbetarna och kommunen vill att polisen/kommunen arbetar för att förebygga och minska droganvändningen/-missbruket i Kalix kommun.",
        lead: "Polisen i Östra Norrbotten tillsammans med Kalix kommun arbetar förebyggande med att minska droganvändningen/-missbruket i Kalix genom att:",
        promises: [
          p({
            responsible: "polis",
            partners: ["socialtjansten"],
            activityType: "riktad_insats",
            activityText: "mot narkotika",
            target: q(2, "year"),
            originalText:
              "Genomföra minst två riktade insatser i kommunen under året för att förebygga och minska narkotikabruk bland ungdomar såväl som vuxna.Detta i samverkan med socialtjänst och/eller andra samverkansparter, från kommunen eller externt.",
            note: "“under året” in a two-year document read as per year (each year of the period).",
          }),
          p({
            responsible: "bada",
            activityType: "utbildning",
            activityText: "för berörd personal, ungdomar och föräldrar om narkotikans skadeverkningar",
            target: NONE,
            themes: ["drugs_andt", "youth"],
            originalText:
              "Prioritera det förebyggande arbetet med tidiga insatser i kommunen när det gäller, alkohol, narkotika, dopning, tobak och annat missbruk. Kommunen kommer att öka sina kunskaper hos berörd personal, ungdomar och föräldrar gällande narkotikans skadeverkningar.",
            note: "Typed as utbildning (the concrete part: the kommun raises knowledge); the first sentence is a joint priority.",
          }),
          p({
            responsible: "polis",
            partners: ["skolan"],
            activityType: "narkotikahund_skola",
            target: q(2, "year"),
            originalText:
              "Genomföra sök med hund i skolmiljö vid minst två tillfällen under året. Kommunen skall se till så att polisen söker enligt uppsatta regler gällande detta arbetssätt.",
            note: "“under året” read as per year.",
          }),
        ],
      },
      {
        title: "Mängdbrott",
        themes: ["volume_crime"],
        background:
          "Av lägesbilden framkommer att medborgarna och medarbetarna vill att polisen arbetar med att förebygga och minska mängdbrottsligheten såsom ringa stöld(snatterier), skadegörelser etc. i Kalix kommun.",
        lead: "Polisen i Östra Norrbotten och kommunen arbetar förebyggande mot mängdbrottsligheten i Kalix genom att:",
        promises: [
          p({
            responsible: "bada",
            activityType: "grannsamverkan",
            activityText: "i kommunen med material, information och vidareutbildning",
            target: NONE,
            originalText:
              "Löpande arbeta och bygga vidare med Grannsamverkan i kommunen och bistå med material, information och vidareutbildning.",
          }),
          p({
            responsible: "bada",
            partners: ["naringsidkare"],
            activityType: "samverkansmote",
            activityText: "med näringsidkare mot snatteri och bjuda in till orossamtal",
            target: NONE,
            originalText:
              "Polisen skall samverka med näringsidkare för att öka upptäcktsrisken/lagföringen för instegsbrottet snatteri/ringa stöld. Här skall kommunen bjuda in till och medverka i orossamtal.",
            note: "The police cooperate with businesses, the kommun takes the orossamtal: owned by both.",
          }),
          p({
            responsible: "bada",
            partners: ["hyresvardar"],
            activityType: "est",
            activityText: "tillsammans med lokala hyresvärdar",
            target: NONE,
            originalText:
              "Kommun och polis skall samverka för att öka tryggheten och stärka det brottsförebyggande arbetet genom att planlägga för och utveckla ett systematisk trygghetsskapande arbete i form av EST(effektiv samordning för trygghet). Kommun och polis skall i lämpligt forum bjuda in lokala hyresvärdar för att etablera samverkan med dessa i sin strävan att få igång ett fungerande EST-arbete.",
          }),
          p({
            responsible: "bada",
            activityType: "trygghetsvandring",
            activityText: "tillsammans med kommunen",
            target: q(1, "period"),
            themes: ["public_safety", "volume_crime"],
            originalText:
              "Tillsammans med kommunen planlägga vilka brottsförebyggande åtgärder som kan vidtas för att förhindra att brott sker på särskilda platser i kommunen genom att arbeta fram var aktuell brottslighet kan komma att ske, gemensam lägesbild samt att genomföra minst en trygghetsvandring tillsammans med kommunen i enlighet med BRÅ:s rekommendationer för hur en sådan aktivitet skall genomföras.",
            note: "“minst en trygghetsvandring” with no period stated: one for the whole 2022–2023 period, not per year.",
          }),
        ],
      },
      {
        title: "Våld i nära relation",
        themes: ["domestic_violence"],
        background:
          "Kalix kommun arbetar för att minska våld i nära relation. Detta arbete kräver samverkan mellan olika myndigheter varav polisen är en av dessa.",
        promises: [
          p({
            responsible: "polis",
            partners: ["socialtjansten", "sjukvarden"],
            activityType: "annat",
            activityText:
              "samverka för att hjälpa våldsutsatta att anmäla våld i nära relation och för att förövare lagförs",
            target: NONE,
            originalText:
              "Polisen skall samverka med socialtjänsten, sjukvården och kommunen för att hjälpa våldsutsatta att anmäla våld i nära relation, samt att ha ett sådant arbetssätt som verkar för att de som utsätter andra för våld i möjligaste mån skall lagföras.",
          }),
          p({
            responsible: "bada",
            partners: ["socialtjansten"],
            activityType: "annat",
            activityText: "utveckla det förebyggande arbetet mot våld i nära relation, för både förövare och utsatta",
            target: {
              kind: "milestone",
              due: "2022-12-31",
              deliverable: "En lämplig struktur för det förebyggande arbetet mot våld i nära relation är framtagen.",
            },
            originalText:
              "Socialtjänsten och polisen skall utveckla det förebyggande arbetet angående våld i nära relation, både gällande förövare och utsatta. Detta skall ske i etapper där man första året skall ta fram en lämplig struktur för arbetet och under det andra året strävar mot att implementera arbetssättet i respektive organisation.",
            note: "“första året skall ta fram en lämplig struktur” is a firm, dated deliverable: milestone at the end of 2022. The second stage (“strävar mot att implementera”) is an effort, not a target.",
          }),
          p({
            responsible: "polis",
            activityType: "annat",
            activityText: "stötta brottsoffer i den polisiära processen",
            target: NONE,
            originalText: "Polisen skall stötta brottsoffer i den polisiära processen.",
          }),
        ],
      },
    ],
    notes: [
      "The focus-area heading is “Polisiär närvaro, tillgänglighet, trafiksäkerhet:”; the trailing colon is dropped from the title.",
      "Period 2022–2023 read as the calendar years 2022-01-01..2023-12-31; “senast februari 2024” → 2024-02-29 (leap year).",
      "Bullets without a subject follow the focus area's lead; the first focus area has no lead and its bullets are police work.",
    ],
  },
  // -------------------------------------------------------------------------------------------------------------
  {
    kommun: "pajala",
    lpo: "ostra-norrbotten",
    sourceFile: "pajala-2022.txt",
    title: "Pajala – medborgarlöften",
    lead: "Lokalpolisområde Östra Norrbotten och Pajala kommun lovar att gemensamt arbeta för att öka tryggheten och minska brottsligheten genom följande aktiviteter:",
    periodLabel: "2022",
    periodHeading: "Medborgarlöften 2022",
    periodStart: "2022-01-01",
    periodEnd: "2022-12-31",
    followUpText: "En skriftlig uppföljning sammanställs senast februari 2023.",
    followUpDue: "2023-02-28",
    sections: {
      inledning: "",
      problembild:
        "I samverkan så har fyra inriktningar framkommit, som polisen i östra Norrbotten & kommunen ska arbeta med:\n\n" +
        "• Strukturella utmaningar\n• Polisiär närvaro/tillgänglighet/trafiksäkerhet\n• Narkotika/Droger\n• Trygghet",
      malsattning: MALSATTNING_OSTRA_NORRBOTTEN,
      genomforande:
        "Arbetet kring medborgardialog och löften, läggs in som en del i befintligt samverkansavtal/överenskommelse, mellan lokalpolisområde Östra Norrbotten och Pajala kommun.\n\n" +
        "Utifrån medborgarlöftet skall genomförande- och/eller handlingsplaner upprättas gemensamt och/eller enskilt av ansvariga parter.",
      kommunikation:
        "Pajala kommun och polisen ska tillsammans stärka kommunikationen/informationen i det förebyggande arbetet bl.a. med hjälp av sociala medier.",
      uppfoljning:
        "Sker kontinuerligt med rapportering till chefen för lokalpolisområde Östra Norrbotten samt företrädare för kommunen. En skriftlig uppföljning sammanställs senast februari 2023.",
    },
    focusAreas: [
      {
        title: "Strukturella utmaningar",
        themes: ["cooperation"],
        background: "Kommun och polis skall hjälpas åt att hitta strukturer som kan verka brottsförebyggande.",
        promises: [
          p({
            responsible: "bada",
            partners: ["skolan", "socialtjansten", "fritid"],
            activityType: "sspf",
            activityText: "regelbundet",
            target: NONE,
            originalText:
              "Polis, skola och socialtjänsten skall börja samverka mer regelbundet och syftet är att stärka varandras förmågor för att nå ett bättre resultat – Detta kommer att ske i en SSPF-grupp (skola, socialtjänst, polis och fritid). Parterna kommer att komma överens om hur ofta denna grupp behöver träffas.",
            note: "The meeting frequency is left to the parties, so there is no target yet.",
          }),
          p({
            responsible: "kommun",
            activityType: "annat",
            activityText: "verka för att skapa ett lokalt BRÅ (brottsförebyggande råd)",
            target: NONE,
            themes: ["cooperation"],
            originalText: "Kommunen kommer att under året verka för att skapa ett lokalt BRÅ(Brottsförebyggande råd).",
            note: "“under året verka för att skapa”: an effort within the year, not a promise that the BRÅ exists by a date, so no milestone.",
          }),
        ],
      },
      {
        title: "Polisiär närvaro/tillgänglighet",
        themes: ["police_presence"],
        background:
          "Av tidigare medborgarkontakter framkommer att medborgarna vill att polisen syns ute bland allmänheten.",
        lead: "Polisen i Östra Norrbotten arbetar för att vara närvarande, synliga och tillgängliga genom att:",
        promises: [
          p({
            responsible: "polis",
            activityType: "medborgarkontakt",
            places: ["skolor", "företag", "ungdomsgård", "de yttre kommundelarna/byarna"],
            target: q(3, "week", { averaged: true }),
            originalText:
              "Genomföra minst tre (3) medborgarkontakter i snitt per vecka på utvalda platser: skolor, företag, ungdomsgård eller via trafikarbete i de yttre kommundelarna/byarna.",
          }),
          p({
            responsible: "bada",
            activityType: "riskkvall",
            target: q(2, "year"),
            originalText:
              "Polis och kommun skall samverka och finnas närvarande vid minst två(2) ”riskkvällar” under året.",
          }),
        ],
      },
      {
        title: "Narkotika/Droger",
        themes: ["drugs_andt"],
        background:
          "Av tidigare medborgkontakter framkommer att medborgana vill att polisen/kommunen arbetar för att förebygga och minska droganvändandet i Pajala kommun.",
        lead: "Polisen i Östra Norrbotten tillsammans med Pajala kommun arbetar förebyggande med att minska droganvändandet i Pajala genom att:",
        promises: [
          p({
            responsible: "polis",
            partners: ["socialtjansten"],
            activityType: "riktad_insats",
            activityText: "mot narkotika",
            target: q(2, "year"),
            originalText:
              "Genomföra minst 2 (två) riktade insatser i kommunen under året för att förebygga och minska narkotikaanvändandet bland ungdomar såväl som vuxna. Detta kan ske i samverkan med socialtjänst och/eller andra samverkansparter från kommunen eller externt.",
          }),
          p({
            responsible: "polis",
            partners: ["skolan"],
            activityType: "narkotikahund_skola",
            target: q(2, "year"),
            originalText:
              "Genomföra sök med hund i skolmiljö vid minst två (2) tillfällen under året. Kommun och polis skall se till så att polisen söker enligt uppsatta regler gällande detta arbetssätt.",
          }),
        ],
      },
      {
        title: "Trygghet",
        themes: ["public_safety", "violent_crime"],
        background:
          "Av medborgarenkäter framkommer att medborgarna vill att polisen och kommun skall jobba förebyggande med våldsbrott.",
        promises: [
          p({
            responsible: "bada",
            activityType: "trygghetsvandring",
            activityText: "tillsammans med kommunen",
            target: q(1, "period"),
            originalText:
              "genomföra minst 1 (en) trygghetsvandring tillsammans med kommunen i enlighet med BRÅ:s rekommendationer för hur en sådan aktivitet skall genomföras.",
            note: "No period stated: one for the period (here the year 2022).",
          }),
        ],
      },
    ],
    notes: ["“senast februari 2023” → followUpDue 2023-02-28."],
  },
  // -------------------------------------------------------------------------------------------------------------
  {
    kommun: "overtornea",
    lpo: "ostra-norrbotten",
    sourceFile: "overtornea-2020-2021.txt",
    title: "Övertorneå – medborgarlöften",
    lead: "Lokalpolisområde Östra Norrbotten och Övertorneå kommun lovar att gemensamt arbeta för att öka tryggheten och minska brottsligheten genom följande aktiviteter:",
    periodLabel: "2020–2021",
    periodHeading: null,
    periodStart: "2020-01-01",
    periodEnd: "2021-12-31",
    followUpText: "En skrfitlig sammanställning görs senast under februari 2020.",
    followUpDue: "2020-02-29",
    sections: {
      inledning: "",
      problembild:
        "Utifrån medborgardialog, medarbetardialog och lokala BRÅ-möten samt analys av statistik har följande målsättningar och aktiviteter tagits fram som grund för 2020 och 2021 års medborgarlöften.",
      malsattning: "",
      genomforande:
        "Arbetet kring medborgardialog och löfte, läggs in som en del i befintligt samverkansavtal/ överenskommelse mellan lokalpolisområde Östra Norrbotten och Övertorneå kommun. Utifrån medborgarlöftet ska genomförande- och eller handlingsplaner upprättas gemensamt av ansvariga parter.",
      kommunikation:
        "Övertorneå Kommun och polisen ska tillsammans stärka kommunikationen/ informationen i det förebyggande arbetet. Kan t ex vara i återkommande veckobrev och i sociala medier.",
      // The no-break space before "En skrfitlig" is in the published text.
      uppfoljning:
        "Sker kontinuerligt i arbetsgruppen och med rapportering till chefen för lokalpolisområdet samt kommunalrådet i Övertorneå. Ofta sker detta via ordförande i lokala BRÅ(brottsförebyggande rådet) i Övertorneå.\u00a0En skrfitlig sammanställning görs senast under februari 2020.",
    },
    focusAreas: [
      {
        title: "Unga, alkohol och droger",
        themes: ["youth", "drugs_andt"],
        background: "",
        promises: [
          p({
            responsible: "bada",
            activityType: "annat",
            activityText: "verka för det drogförebyggande arbetet med målet att minska narkotikan och andra droger",
            target: NONE,
            themes: ["drugs_andt"],
            originalText:
              "Polisen och kommunen skall tillsammans verka för det drogförebyggande arbete med målet att minska narkotikan och andra droger.",
          }),
          p({
            responsible: "kommun",
            activityType: "utbildning",
            activityText: "för berörd personal och ungdomar om narkotikans skadeverkningar",
            target: NONE,
            themes: ["drugs_andt", "youth"],
            originalText:
              "Kommunen ökar kunskapen om narkotikans skadeverkningar hos berörd personal, ungdomar samt andra berörda.",
          }),
          p({
            responsible: "polis",
            activityType: "riktad_insats",
            activityText: "mot narkotika",
            target: q(2, "period"),
            originalText:
              "Polisen genomför minst två riktade narkotikainsatser i syftet att minska och förebygga alla former av narkotikamissbruk.",
            note: "No period stated in a two-year document: two for the whole period 2020–2021, not per year.",
          }),
          p({
            responsible: "polis",
            partners: ["skolan"],
            activityType: "narkotikahund_skola",
            target: q(2, "year"),
            originalText:
              "Genomför sök med hund i skolmiljö vid minst två tillfällen under året. Kommunen ser till så att polisen söker enligt uppsatta regler gällande detta arbetssätt.",
            note: "“under året” read as per year (each of 2020 and 2021).",
          }),
        ],
      },
      {
        title: "Polisiär närvaro/ tillgänglighet/ trafiksäkerhetsarbete",
        themes: ["police_presence", "traffic_safety"],
        background: "",
        promises: [
          p({
            responsible: "polis",
            activityType: "trafiksakerhetsinsats",
            activityText: "mot A-traktorer och mopeder",
            target: q(2, "period", { exactly: true }),
            originalText: "Polisen jobbar mot A-traktorer och mopeder vid två tillfälllen.",
            note: "“vid två tillfälllen” (sic): no “minst” and no period. Read as two occasions over the whole two-year period (the sister documents say “per år” when they mean it); comparator “exactly” only records the missing “minst”.",
          }),
          p({
            responsible: "bada",
            activityType: "information",
            activityText: "och vid behov utbildning om aktuella problem",
            target: NONE,
            originalText:
              "Polisen, Övertorneå kommun och eventuella andra samverkanspartner skall informera och vid behov utbilda samhället gällande aktuella problem.",
          }),
          p({
            responsible: "polis",
            activityType: "trafikkontroll",
            places: ["byarna utanför centralorten"],
            target: NONE,
            themes: ["traffic_safety", "police_presence"],
            originalText:
              "Polisen jobbar med synlighet i hela kommunen och lovar att genomföra trafikkontroller i byarna utanför centralorten.",
          }),
        ],
      },
      {
        title: "Våldsbrott/ Trygghet",
        themes: ["violent_crime", "public_safety"],
        background: "",
        promises: [
          p({
            responsible: "bada",
            activityType: "annat",
            activityText: "planlägga brottsförebyggande åtgärder för särskilda platser under särskilda helger",
            target: NONE,
            themes: ["violent_crime", "public_safety"],
            originalText:
              "Övertorneå kommun och polisen ska planlägga vilka brottsförebyggande åtgärder som kan vidtas för att förhindra att brott sker på särskilda platser under särskilda helger i kommunen.",
          }),
          p({
            responsible: "bada",
            activityType: "trygghetsvandring",
            activityText: "tillsammans med kommunen",
            target: q(1, "period"),
            originalText:
              "Minst en trygghetsvandring tillsammans med kommunen ska genomföras i enlighet med BRÅ:s rekommendationer för hur en sådan aktivitet skall genomföras.",
            note: "No period stated: one for the whole period 2020–2021.",
          }),
        ],
      },
    ],
    notes: [
      "No background texts under the focus-area headings, so `background` is empty; no målsättning section.",
      "The document has the Genomförande text twice (once before “Metod”, with typos: “medbrogardialog”, “handlingsplanen”, “partners”); `genomforande` keeps the version under “Metod”.",
      "The period is “2020 och 2021 års medborgarlöften” → 2020-01-01..2021-12-31.",
      "The text says the written summary is due “senast under februari 2020”, which is inside the first year of the period and most likely a slip for February 2022 (the pattern of the sister documents). followUpDue keeps what the document says (2020-02-29); correct it only with the kommun's confirmation.",
    ],
  },
  // -------------------------------------------------------------------------------------------------------------
  {
    kommun: "harjedalen",
    lpo: null,
    sourceFile: "harjedalen-2019.txt",
    title: "Härjedalen – medborgarlöften",
    lead: "Polisen och Härjedalen kommun lovar att arbeta för att öka tryggheten och minska brottsligheten utifrån de fokusområden som tillsammans tagits fram för kommunen.",
    periodLabel: "2019",
    periodHeading: null,
    periodStart: "2019-01-01",
    periodEnd: "2019-12-31",
    followUpText: "Medborgarlöftena följs upp i december 2019.",
    followUpDue: "2019-12-31",
    sections: {
      inledning:
        "Medborgarlöften är en del i polisens och kommunens samverkan i det brottsförebyggande och trygghetsskapande arbetet. Medborgarlöftet utgår från en lokal kartläggning, gjord av kommun och polis, som sammanställts i en gemensam lägesbild för Härjedalens kommun.",
      problembild:
        "Lägesbilden beskriver den lokala problembilden i kommunen och har tagits fram genom underrättelser, medborgar- och medarbetardialoger, kunskap som polisen och kommunen besitter samt brottsstatistik.\n\n" +
        "Utifrån lägesbilden har följande fokusområden prioriterats att samverka kring: trafiksäkerhet, ANDT-arbete kopplat till ungdomar och unga vuxna och integrationsarbete.",
      malsattning: "",
      genomforande: "",
      kommunikation: "Medborgarna kan följa arbetet med medborgarlöften på www.polisen.se samt Härjedalens kommun.",
      uppfoljning: "Medborgarlöftena följs upp i december 2019.",
    },
    focusAreas: [
      {
        title: "Trafiksäkerhet",
        titleIsDerived: true,
        themes: ["traffic_safety"],
        background: "",
        lead: "Polisen och kommunen lovar att arbeta för tryggare trafikmiljö och ökad trafiksäkerhet, på väg och i terräng, i Härjedalens kommun. Detta gör vi genom att:",
        promises: [
          p({
            responsible: "polis",
            activityType: "trafikkontroll",
            activityText: "på väg och i terräng på strategiska platser",
            target: NONE,
            originalText:
              "Polisen genomför trafikkontroller på väg och i terräng på strategiska platser. Hastighet, beteende och nykterhet prioriteras liksom extra trafikövervakning under vintersäsong i de orter som då har ökad trafikintensitet. Polisens nationella trafiksäkerhetsveckor är en del av detta arbete.",
          }),
          p({
            responsible: "kommun",
            activityType: "kartlaggning",
            activityText: "av möjliga lösningar kring hastighetsövervakning och vägbelysning",
            target: NONE,
            themes: ["traffic_safety", "physical_environment"],
            originalText:
              "Kommunen arbetar för en tryggare trafikmiljö genom att undersöka möjliga lösningar kring hastighetsövervakning och vägbelysning. Där möjlighet ges försöker kommunen påverka i dessa frågor.",
          }),
          p({
            responsible: "bada",
            activityType: "smadit",
            activityText: "enligt Svegsmodellen",
            target: NONE,
            originalText:
              "Kommun och polis fortsätter samverka kring Smadit (Samverkan mot alkohol och droger i trafiken) enligt den s.k. Svegsmodellen.",
          }),
          p({
            responsible: "bada",
            partners: ["externa_aktorer"],
            activityType: "information",
            activityText: "till allmänheten om trafikregler och trafiksäkerhet",
            target: NONE,
            themes: ["traffic_safety"],
            originalText:
              "Polis och kommun samverkar kring information till allmänheten om trafikregler och trafiksäkerhet och söker även samverkan med externa aktörer i dessa frågor.",
          }),
        ],
      },
      {
        title: "ANDT-arbete kopplat till ungdomar och unga vuxna",
        titleIsDerived: true,
        themes: ["drugs_andt", "youth"],
        background: "",
        lead: "Polisen och kommunen lovar att arbeta förebyggande med ungdomars och unga vuxnas attityder främst gällande alkohol, narkotika och tobak. Detta gör vi genom att:",
        promises: [
          p({
            responsible: "polis",
            partners: ["skolan"],
            activityType: "forelasning",
            activityText: "om konsekvenser och ANDT för alla åttondeklasser",
            target: NONE,
            originalText:
              "Polisen lovar att besöka alla åttondeklasser i kommunen för att genomföra konsekvensföreläsningar med anledning av stundande straffmyndighet samt samtala om ANDT frågor.",
            note: "“alla åttondeklasser” is a completeness target without a number; stating the number of classes would make it measurable.",
          }),
          p({
            responsible: "polis",
            activityType: "skolbesok",
            activityText: "och fritidsgårdar spontant",
            target: NONE,
            originalText:
              "Polisen fortsätter att genomföra spontana besök i skolor/fritidsgårdar i syfte att skapa goda relationer med ungdomarna.",
          }),
          p({
            responsible: "polis",
            activityType: "information",
            activityText: "vid möten med föräldrar, lärare och andra som arbetar med ungdomar",
            target: NONE,
            themes: ["drugs_andt", "youth"],
            originalText:
              "Polisen lovar att, om möjligt, medverka vid möten med föräldrar, lärare och andra som arbetar med ungdomar för att nå ut med relevant information för ökad kunskap.",
          }),
          p({
            responsible: "polis",
            activityType: "annat",
            activityText: "prioritera bearbetning av tips som rör ungdomar, unga vuxna och droger",
            target: NONE,
            themes: ["drugs_andt", "youth"],
            originalText:
              "Polisen lovar att prioritera bearbetning av tips som har koppling till ungdomar/unga vuxna och droger.",
          }),
          p({
            responsible: "kommun",
            partners: ["skolan"],
            activityType: "annat",
            activityText: "utveckla det drogförebyggande arbetet i kommunens skolor",
            target: NONE,
            themes: ["drugs_andt", "youth"],
            originalText: "Härjedalens kommun fortsätter att utveckla det drogförebyggande arbetet i kommunens skolor.",
          }),
          p({
            responsible: "kommun",
            partners: ["skolan"],
            activityType: "annat",
            activityText: "arbeta förebyggande mot tobak i skolorna med ”Tobaksfri DUO” och rökfria skolgårdar",
            target: NONE,
            themes: ["drugs_andt", "youth"],
            originalText:
              "Härjedalens kommun lovar att arbeta förebyggande gällande tobaksanvändning i kommunens skolor genom arbetsmetoden ”Tobaksfri DUO” samt att arbeta aktivt med rökfria skolgårdar.",
          }),
          p({
            responsible: "kommun",
            activityType: "kartlaggning",
            activityText: "av ungdomars användning av droger",
            target: NONE,
            themes: ["drugs_andt", "youth"],
            originalText:
              "Härjedalens kommun lovar att kartlägga ungdomars användning av droger och arbeta förebyggande utifrån resultatet.",
            note: "No date is stated; a milestone (e.g. the end of 2019) would be an addition, so none.",
          }),
        ],
      },
      {
        title: "Integrationsarbete",
        titleIsDerived: true,
        themes: ["integration"],
        background: "",
        lead: "Polisen och kommunen lovar att arbeta integrationsfrämjande i Härjedalens kommun. Detta gör vi genom att:",
        promises: [
          p({
            responsible: "polis",
            activityType: "information",
            activityText: "genom besök hos olika invandrargrupper",
            target: NONE,
            themes: ["integration", "police_presence"],
            originalText:
              "Polisen lovar att besöka olika invandrargrupper för att skapa goda relationer och nå ut med information.",
          }),
          p({
            responsible: "kommun",
            partners: ["sfi"],
            activityType: "information",
            activityText: "om ANDT för de som är inskrivna i SFI",
            target: NONE,
            themes: ["integration", "drugs_andt"],
            originalText: "Kommunen lovar att ge information kring ANDT till de som är inskrivna i SFI.",
          }),
          p({
            responsible: "bada",
            activityType: "information",
            activityText: "anpassade för invandrare i kommunen",
            target: NONE,
            themes: ["integration"],
            originalText:
              "Polisen och kommunen lovar att samverka kring utveckling av lämplig information till invandrare i kommunen.",
          }),
        ],
      },
      {
        title: "Samverkan",
        titleIsDerived: true,
        themes: ["cooperation"],
        background: "",
        promises: [
          p({
            responsible: "bada",
            activityType: "annat",
            activityText: "utveckla nuvarande samverkan och söka nya samarbetsområden",
            target: NONE,
            themes: ["cooperation"],
            originalText: "Polisen och kommunen lovar att utveckla nuvarande samverkan samt söka nya samarbetsområden.",
            note: "A promise written as a paragraph, not a bullet, after the three focus areas.",
          }),
        ],
      },
    ],
    notes: [
      "The document has no section or focus-area headings: the focus-area titles come from its list “trafiksäkerhet, ANDT-arbete kopplat till ungdomar och unga vuxna och integrationsarbete” (capitalised), plus “Samverkan” for the closing promise; each area's introducing sentence is kept as `lead`, backgrounds are empty.",
      "The unheaded opening paragraph is filed as `inledning`, the paragraphs on the lägesbild as `problembild`.",
      "“Följ med i hur det går” is split: its first sentence is `kommunikation`, its second (“följs upp i december 2019”) `uppfoljning`; followUpDue 2019-12-31.",
      "The period is not stated; the follow-up in December 2019 and the file name give the year 2019.",
      "None of the promises states a number or a date, so none is measurable.",
    ],
  },
];

/** Focus areas' promises of one document, flattened. */
export function promisesOf(doc: SeedPromiseDocument): SeedPromise[] {
  return doc.focusAreas.flatMap((area) => area.promises);
}

// ---------------------------------------------------------------------------------------------------------------
// A small parser used by the tests (not by the app) to read the numbers straight from the documents' text.

export type NumberBearingPromise = {
  /** The bullet text, trimmed, without the bullet sign. */
  text: string;
  quantity: number;
  /** "per vecka", "i snitt per vecka" → week; "per månad" → month; "per år", "under året" → year; else null. */
  per: "week" | "month" | "year" | null;
  /** The number is preceded by "minst". */
  atLeast: boolean;
  averaged: boolean;
};

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  en: 1,
  ett: 1,
  två: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  åtta: 8,
  nio: 9,
  tio: 10,
  elva: 11,
  tolv: 12,
};
const WORD_ALT = Object.keys(NUMBER_WORDS).join("|");
const NOT_LETTER_BEFORE = "(?<![\\p{L}\\p{N}])";
const NOT_LETTER_AFTER = "(?![\\p{L}\\p{N}])";
const TOKEN = `(\\d+|${WORD_ALT})`;
// "minst två", "minst 2", "minst två (2)", "minst två(2)", "minst 2 (två)"
const AFTER_MINST = new RegExp(
  `${NOT_LETTER_BEFORE}minst\\s+${TOKEN}${NOT_LETTER_AFTER}(?:\\s*\\(\\s*${TOKEN}\\s*\\))?`,
  "u",
);
// "fyra (4)", "en (1)", "2 (två)" without "minst"
const PAIRED = new RegExp(`${NOT_LETTER_BEFORE}${TOKEN}\\s*\\(\\s*${TOKEN}\\s*\\)`, "u");
// a bare number: two to twelve as a word ("en"/"ett" alone are articles) or digits that are not a year
const BARE = new RegExp(
  `${NOT_LETTER_BEFORE}(${Object.keys(NUMBER_WORDS)
    .filter((w) => (NUMBER_WORDS[w] ?? 0) > 1)
    .join("|")}|\\d{1,3})${NOT_LETTER_AFTER}`,
  "u",
);

function tokenValue(token: string): number {
  return /^\d+$/.test(token) ? Number(token) : (NUMBER_WORDS[token] ?? Number.NaN);
}

function readNumber(text: string): { quantity: number; atLeast: boolean } | null {
  for (const [re, atLeast] of [
    [AFTER_MINST, true],
    [PAIRED, false],
    [BARE, false],
  ] as const) {
    const m = re.exec(text);
    if (!m) continue;
    const first = tokenValue(m[1] ?? "");
    if (m[2] !== undefined) {
      const second = tokenValue(m[2]);
      if (first !== second) throw new Error(`Number word and digits disagree in: ${text}`);
    }
    return { quantity: first, atLeast };
  }
  return null;
}

function readPer(text: string): NumberBearingPromise["per"] {
  if (/per vecka|varje vecka/u.test(text)) return "week";
  if (/per månad|varje månad/u.test(text)) return "month";
  if (/per år|under året|varje år|årligen/u.test(text)) return "year";
  return null;
}

/**
 * Scans a document's text for promise bullets ("•" lines) that carry a number ("minst ...", a number word from
 * two to twelve, digits, "en (1)") and reads quantity and period from the words themselves.
 */
export function extractNumberBearingPromises(text: string): NumberBearingPromise[] {
  const found: NumberBearingPromise[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("•")) continue;
    const bullet = trimmed.slice(1).trim();
    const lower = bullet.toLocaleLowerCase("sv-SE");
    const number = readNumber(lower);
    if (!number) continue;
    found.push({ text: bullet, ...number, per: readPer(lower), averaged: /i snitt/u.test(lower) });
  }
  return found;
}

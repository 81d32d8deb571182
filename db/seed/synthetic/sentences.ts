/** Free-text answers: sentences people write, drawn by the respondent's worst problems. */
import type { ProblemRowKey } from "../../../app/features/surveys/domain/question-bank";
import { ROW_KEYS } from "./problems";
import { chance, pick, type Rng } from "./random";

interface Sentence {
  text: string;
  /** Problem rows the sentence is about; the generator prefers sentences about the respondent's top problems. */
  rows: readonly ProblemRowKey[];
  /** True when the sentence has no keyword of the theme lexicon (checked in the test). */
  neutral?: boolean;
}

/** Answers to `unsafe_places`. `{plats}` is a local place of the kommun, `{ort}` the respondent's ort. */
export const UNSAFE_PLACE_SENTENCES: readonly Sentence[] = [
  { text: "Mörkt vid busstationen på kvällarna, behövs bättre belysning.", rows: ["poor_lighting"] },
  { text: "Gång- och cykelvägen längs älven är helt mörk på vintern.", rows: ["poor_lighting"] },
  { text: "Mopeder och A-traktorer kör för fort genom centrum på sommaren.", rows: ["mopeds_atraktor", "speeding"] },
  { text: "Det säljs narkotika öppet {plats}, alla vet om det.", rows: ["drug_dealing"] },
  { text: "Ungdomsgäng samlas {plats} på fredagskvällarna och det blir bråk.", rows: ["youth_gangs", "disorder"] },
  { text: "Berusade personer {plats} sent på kvällen gör att jag undviker att gå där.", rows: ["intoxicated_public"] },
  { text: "Bilar kör alldeles för fort genom {ort}, ingen respekterar hastighetsgränsen.", rows: ["speeding"] },
  { text: "Mycket klotter och krossat glas {plats}.", rows: ["vandalism", "litter"] },
  { text: "Skräp och glaskross vid badplatsen efter helgerna.", rows: ["litter"] },
  { text: "Otryggt {plats} när det är mörkt och inga människor är i rörelse.", rows: ["poor_lighting"] },
  { text: "Buskörning med A-traktorer på parkeringen vid affären varje kväll.", rows: ["mopeds_atraktor"] },
  { text: "Jag har sett langning av alkohol till ungdomar {plats}.", rows: ["youth_alcohol"] },
  { text: "När krogen stänger blir det slagsmål i centrum.", rows: ["violence_public", "disorder"] },
  { text: "Folk kör berusade hem från stugorna på helgerna.", rows: ["drink_driving"] },
  { text: "Skotrar kör för fort genom byn på vintern, det är farligt för barnen.", rows: ["speeding"] },
  { text: "Cykelstölder vid skolan, min son har blivit av med två cyklar.", rows: ["bike_theft"] },
  { text: "Snatteri i butikerna i centrum verkar ha ökat.", rows: ["shoplifting"] },
  { text: "Flera inbrott i förråd och garage i {ort} under hösten.", rows: ["burglary"] },
  { text: "Min mamma blev uppringd av bedragare som utgav sig för att vara banken.", rows: ["fraud"] },
  { text: "Jag är rädd att gå hem ensam från bussen när det är mörkt.", rows: ["poor_lighting"] },
  { text: "Det är stökigt {plats} när det är fest på helgerna.", rows: ["disorder"] },
  { text: "Narkotikapåverkade personer rör sig runt {plats}.", rows: ["intoxicated_public", "drug_dealing"] },
  { text: "Vägen in mot centrum saknar belysning på långa sträckor.", rows: ["poor_lighting"] },
  { text: "Inga särskilda platser, här är lugnt.", rows: [], neutral: true },
  { text: "Svårt att säga, jag är sällan ute sent.", rows: [], neutral: true },
];

/** Answers to `suggestions`. */
export const SUGGESTION_SENTENCES: readonly Sentence[] = [
  { text: "Mer synlig polis, gärna till fots i centrum på helgkvällar.", rows: [] },
  { text: "Bättre belysning på gång- och cykelvägarna.", rows: ["poor_lighting"] },
  { text: "Fler vuxna ute på kvällarna, till exempel nattvandrare.", rows: ["youth_gangs", "youth_alcohol"] },
  { text: "Hastighetskontroller på genomfartsvägen genom {ort}, särskilt på sommaren.", rows: ["speeding"] },
  { text: "Fler kontroller av mopeder och A-traktorer.", rows: ["mopeds_atraktor"] },
  { text: "Håll ungdomsgården öppen fler kvällar så att ungdomarna har någonstans att vara.", rows: ["youth_gangs"] },
  { text: "Sök med narkotikahund i skolorna oftare.", rows: ["drug_dealing"] },
  { text: "Att polisen svarar när man ringer och kommer när något händer.", rows: [] },
  { text: "Starta grannsamverkan i {ort}.", rows: ["burglary"] },
  { text: "Röj buskagen längs gångvägen så att man ser vem som kommer.", rows: ["poor_lighting"] },
  { text: "Farthinder vid skolan.", rows: ["speeding"] },
  { text: "Nykterhetskontroller på helgerna, många kör efter att ha druckit.", rows: ["drink_driving"] },
  { text: "Kameraövervakning vid busstationen.", rows: ["vandalism", "disorder"] },
  { text: "Snabbare hjälp till den som utsätts för våld i nära relation.", rows: [] },
  { text: "Fler aktiviteter för unga på helgerna.", rows: ["youth_gangs", "youth_alcohol"] },
  { text: "Städa upp i centrum oftare, det är mycket skräp.", rows: ["litter"] },
  { text: "Mer information om hur man skyddar sig mot bedrägerier, särskilt för äldre.", rows: ["fraud"] },
  { text: "Ingripa tidigare mot dem som säljer knark till ungdomar.", rows: ["drug_dealing", "youth_alcohol"] },
  { text: "Jag känner mig trygg, fortsätt som ni gör.", rows: [], neutral: true },
  { text: "Bra att ni frågar!", rows: [], neutral: true },
  { text: "Inget att tillägga.", rows: [], neutral: true },
];

/** Answers to `staff_places`. */
export const STAFF_PLACE_SENTENCES: readonly Sentence[] = [
  { text: "Centrum och busstationen fredag och lördag kväll.", rows: ["disorder", "intoxicated_public"] },
  { text: "Skolgårdarna efter skoltid, där samlas ungdomar och det förekommer narkotika.", rows: ["drug_dealing"] },
  { text: "Ungdomsgården och parkeringen utanför på helgkvällarna.", rows: ["youth_gangs"] },
  { text: "Genomfartsvägen genom {ort} sommartid, mycket mopeder och A-traktorer.", rows: ["mopeds_atraktor"] },
  { text: "Området {plats} i samband med lov och skolavslutning.", rows: ["youth_alcohol", "disorder"] },
  { text: "Vägarna ut mot byarna nattetid, risk för rattfylleri.", rows: ["drink_driving"] },
  { text: "Badplatsen under sommarkvällarna.", rows: ["youth_alcohol"] },
  { text: "Butikerna i centrum dagtid, återkommande snatterier.", rows: ["shoplifting"] },
  { text: "Kring midsommar och andra storhelger.", rows: ["violence_public", "drink_driving"] },
];

/** Answers to `staff_activities`. */
export const STAFF_ACTIVITY_SENTENCES: readonly Sentence[] = [
  { text: "Fler gemensamma trygghetsvandringar med kommun, polis och hyresvärdar.", rows: ["poor_lighting"] },
  { text: "Regelbundna träffar i SSPF-gruppen (skola, socialtjänst, polis och fritid).", rows: ["youth_gangs"] },
  { text: "Narkotikasök med hund i skolmiljö och mer information till föräldrar.", rows: ["drug_dealing"] },
  { text: "Riktade trafikkontroller mot mopeder och A-traktorer på sommaren.", rows: ["mopeds_atraktor"] },
  { text: "Vuxna på stan under riskkvällar, till exempel skolavslutning och valborg.", rows: ["youth_alcohol"] },
  { text: "Bättre belysning och röjning av buskage vid gång- och cykelvägar.", rows: ["poor_lighting"] },
  { text: "Samverkan med handlare mot snatteri.", rows: ["shoplifting"] },
  { text: "Starta eller utveckla grannsamverkan i byarna.", rows: ["burglary"] },
  { text: "Öppna ungdomsgården fler kvällar i veckan.", rows: ["youth_gangs"] },
  { text: "Mer stöd till den som utsätts för våld i nära relation.", rows: [] },
  { text: "Nykterhetskontroller i samverkan enligt Smadit.", rows: ["drink_driving"] },
];

export function drawComment(
  rng: Rng,
  sentences: readonly Sentence[],
  latents: Readonly<Record<ProblemRowKey, number>>,
  fill: { ort: string; plats: string },
): string {
  // Two thirds write about what troubles them most; the rest about anything.
  const top = ROW_KEYS.filter((key) => latents[key] >= 2.8);
  const relevant = sentences.filter((s) => s.rows.some((row) => top.includes(row)));
  const first = relevant.length > 0 && chance(rng, 0.67) ? pick(rng, relevant) : pick(rng, sentences);
  let text = first.text;
  if (chance(rng, 0.1)) {
    const second = pick(rng, sentences);
    if (second !== first) text += ` ${second.text}`;
  }
  return text.replaceAll("{ort}", fill.ort).replaceAll("{plats}", fill.plats);
}

import type { Kysely } from "kysely";
import type { DB } from "../schema";
import type { Log } from "../../app/platform/log.server";

/**
 * Demo lägesbilder and åtgärdsplaner (docs/domain/lagesbild-atgardsplan.md), built from what the seed documents say
 * (docs/domain/seeds.md): Härjedalen's promise rests on a joint lägesbild made from intelligence, citizen and
 * staff dialogues, the organisations' knowledge and crime statistics, which prioritised traffic safety, ANDT work
 * among young people and integration; Kalix's rests on the citizen survey and staff dialogues with four areas and
 * cites the coming law. Everything beyond those facts (decision, diarienummer, measure owners, causes) is invented,
 * and every row is marked `demo` so the pages say so. Idempotent: a kommun that has a demo lägesbild is skipped.
 */
type DemoProblem = {
  theme: string;
  problem: string;
  causes: string;
  affected: string;
  whereWhen: string;
  alreadyDone: string;
};
type DemoMeasure = {
  title: string;
  ownerKind: "forvaltning" | "bolag" | "polis" | "forening" | "annat";
  ownerName: string;
  resources: string;
  startsOn: string;
  endsOn: string;
  outputText: string;
  target: unknown;
  status: "planerad" | "pagar" | "genomford" | "avbruten";
  problems: number[];
  /** Promises of the kommun's seeded promise document, as [focus area position, promise position]. */
  promises: [number, number][];
};
type DemoPlan = {
  kommun: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  promisePeriod: string;
  decided: boolean;
  sections: Record<string, string>;
  sources: { key: string; state: "used" | "not_used" | "unavailable"; note: string }[];
  problems: DemoProblem[];
  plan: { summary: string; decision?: { body: string; on: string; dnr: string; paragraph: string } };
  measures: DemoMeasure[];
  steps: string[];
};

const PLANS: DemoPlan[] = [
  {
    kommun: "harjedalen",
    period: "2019",
    periodStart: "2019-01-01",
    periodEnd: "2019-12-31",
    promisePeriod: "2019",
    decided: true,
    sections: {
      mapping:
        "Kommun och polis har gjort en lokal kartläggning som sammanställts i en gemensam lägesbild för Härjedalens kommun. Den bygger på underrättelser, medborgar- och medarbetardialoger, den kunskap polisen och kommunen har samt brottsstatistik.",
      comparison:
        "Brottsstatistiken finns inte i verktyget; jämförelsen med länet och tidigare år gjordes utanför det och redovisas inte här.",
      places_times:
        "Trafiken på väg och i terräng ökar under vintersäsongen i de orter som då har ökad trafikintensitet. Skolor och fritidsgårdar är platser där ungdomar nås.",
      analysis:
        "Tre områden prioriterades att samverka kring: trafiksäkerhet, ANDT-arbete kopplat till ungdomar och unga vuxna, och integrationsarbete. Dessutom ska den nuvarande samverkan utvecklas och nya samarbetsområden sökas.",
      sources:
        "Använda källor: underrättelser, medborgar- och medarbetardialoger, polisens och kommunens kunskap samt brottsstatistik (i den ursprungliga lägesbilden).\nBrottsstatistik: inte importerad i verktyget.\nEST-rapporter: inte tillgängligt.",
    },
    sources: [
      {
        key: "crime",
        state: "unavailable",
        note: "inte importerad; användes i den ursprungliga lägesbilden men finns inte i verktyget",
      },
      { key: "citizen", state: "used", note: "medborgardialoger (utanför verktyget)" },
      { key: "staff", state: "used", note: "medarbetardialoger (utanför verktyget)" },
      { key: "meetings", state: "not_used", note: "inga möten registrerade i verktyget" },
      { key: "freetext", state: "not_used", note: "ingen enkät i verktyget" },
      { key: "places", state: "not_used", note: "inga möten registrerade i verktyget" },
      { key: "est", state: "unavailable", note: "inte tillgängligt" },
    ],
    problems: [
      {
        theme: "traffic_safety",
        problem: "Trafiksäkerhet: hastighet, beteende och nykterhet på väg och i terräng.",
        causes: "Ökad trafikintensitet under vintersäsongen; långa avstånd och lite övervakning.",
        affected: "Trafikanter, boende och besökare i orterna.",
        whereWhen: "Strategiska platser på väg och i terräng, särskilt vintertid.",
        alreadyDone: "Polisens nationella trafiksäkerhetsveckor; samverkan kring Smadit (Svegsmodellen).",
      },
      {
        theme: "drugs_andt",
        problem: "Ungdomars och unga vuxnas attityder till alkohol, narkotika och tobak.",
        causes: "Attityder och tillgång; bristande kunskap om konsekvenser.",
        affected: "Ungdomar och unga vuxna, deras föräldrar och skolan.",
        whereWhen: "Skolor och fritidsgårdar.",
        alreadyDone: "Tobaksfri DUO och arbete med rökfria skolgårdar; drogförebyggande arbete i skolorna.",
      },
      {
        theme: "integration",
        problem: "Integration: relationer och information till nyanlända och invandrargrupper.",
        causes: "Språk och kunskap om svenska regler; få kontaktytor med polisen.",
        affected: "Invandrargrupper och de som är inskrivna i SFI.",
        whereWhen: "SFI och föreningar.",
        alreadyDone: "Information om ANDT i SFI.",
      },
    ],
    plan: {
      summary:
        "Åtgärderna svarar mot de tre prioriterade problemen i lägesbilden och genomförs till stor del genom medborgarlöftena 2019.",
      decision: { body: "Kommunstyrelsen", on: "2019-02-12", dnr: "KS 2019/0042 (demo)", paragraph: "§ 17" },
    },
    measures: [
      {
        title: "Trafikkontroller på strategiska platser",
        ownerKind: "polis",
        ownerName: "Polisen i Härjedalen",
        resources: "Ordinarie trafikpolis; extra övervakning vintertid",
        startsOn: "2019-01-01",
        endsOn: "2019-12-31",
        outputText: "Polisen genomför trafikkontroller på väg och i terräng",
        target: { kind: "none" },
        status: "genomford",
        problems: [1],
        promises: [[1, 1]],
      },
      {
        title: "Konsekvensföreläsningar i åttondeklasserna",
        ownerKind: "polis",
        ownerName: "Polisen i Härjedalen",
        resources: "Kommunpolis, en lektion per klass",
        startsOn: "2019-01-01",
        endsOn: "2019-12-31",
        outputText: "Polisen besöker alla åttondeklasser",
        target: { kind: "none" },
        status: "genomford",
        problems: [2],
        promises: [[2, 1]],
      },
      {
        title: "ANDT-information i SFI",
        ownerKind: "forvaltning",
        ownerName: "Barn- och utbildningsförvaltningen (SFI)",
        resources: "SFI-lärare och folkhälsosamordnare",
        startsOn: "2019-01-01",
        endsOn: "2019-12-31",
        outputText: "Kommunen ger information kring ANDT till de inskrivna i SFI",
        target: { kind: "none" },
        status: "genomford",
        problems: [3],
        promises: [[3, 2]],
      },
    ],
    steps: [
      "own_picture",
      "staff_dialogues",
      "management_seen",
      "pictures_merged",
      "problems_prioritised",
      "citizen_dialogue",
      "cause_analysis",
      "agreement_signed",
      "plan_decided",
    ],
  },
  {
    kommun: "kalix",
    period: "2022–2023",
    periodStart: "2022-01-01",
    periodEnd: "2023-12-31",
    promisePeriod: "2022–2023",
    decided: false,
    sections: {
      mapping:
        "Av svaren från medborgarenkäten och medarbetardialogerna framkommer fyra områden som polisen i östra Norrbotten och kommunen ska arbeta med i Kalix kommun.",
      comparison: "Underlaget har ännu ingen referensdata (län, riket) och ingen tidsserie; se källorna.",
      places_times: "Ännu inte sammanställt.",
      analysis:
        "De fyra viktigaste områdena: polisiär närvaro, tillgänglighet och trafiksäkerhet; drogförebyggande arbete; mängdbrott; våld i nära relation. Analysen fördjupas inför beslutet om åtgärdsplanen.",
      sources:
        "Använda källor: medborgarenkät och medarbetardialoger.\nBrottsstatistik: inte importerad.\nEST-rapporter: inte tillgängligt.\nUtan brottsstatistik kan lägesbilden inte säga hur många brott som anmäls eller hur det utvecklas.",
    },
    sources: [
      { key: "crime", state: "unavailable", note: "inte importerad" },
      { key: "citizen", state: "used", note: "medborgarenkäten" },
      { key: "staff", state: "used", note: "medarbetardialoger" },
      { key: "meetings", state: "not_used", note: "inga möten registrerade" },
      { key: "freetext", state: "not_used", note: "inga kodade fritextsvar" },
      { key: "places", state: "not_used", note: "inga möten registrerade" },
      { key: "est", state: "unavailable", note: "inte tillgängligt; EST-arbetet planeras" },
    ],
    problems: [
      {
        theme: "police_presence",
        problem: "Polisiär närvaro, tillgänglighet och trafiksäkerhet.",
        causes: "",
        affected: "",
        whereWhen: "Valda platser och tider; A-traktorer och mopeder i trafiken.",
        alreadyDone: "Medborgarkontakter och trafiksäkerhetsinsatser enligt medborgarlöftet.",
      },
      {
        theme: "drugs_andt",
        problem: "Drogförebyggande arbete.",
        causes: "",
        affected: "",
        whereWhen: "",
        alreadyDone: "",
      },
      { theme: "volume_crime", problem: "Mängdbrott.", causes: "", affected: "", whereWhen: "", alreadyDone: "" },
      {
        theme: "domestic_violence",
        problem: "Våld i nära relation.",
        causes: "",
        affected: "",
        whereWhen: "",
        alreadyDone: "En struktur för arbetet tas fram under första året.",
      },
    ],
    plan: {
      summary: "Utkast: åtgärderna kopplas till de fyra områdena och till medborgarlöftena 2022–2023.",
    },
    measures: [
      {
        title: "Medborgarkontakter på valda platser och tider",
        ownerKind: "polis",
        ownerName: "Lokalpolisområde Östra Norrbotten",
        resources: "Kommunpolis och områdespoliser",
        startsOn: "2022-01-01",
        endsOn: "2023-12-31",
        outputText: "Polisen har medborgarkontakter",
        target: { kind: "quantity", quantity: 3, per: "week", comparator: "at_least", averaged: true },
        status: "pagar",
        problems: [1],
        promises: [[1, 1]],
      },
      {
        title: "EST-arbete med lokala hyresvärdar",
        ownerKind: "bolag",
        ownerName: "Kalixbo (demo)",
        resources: "Att bestämma",
        startsOn: "2023-01-01",
        endsOn: "2023-12-31",
        outputText: "Kommunen planerar och utvecklar EST-arbetet",
        target: { kind: "none" },
        status: "planerad",
        problems: [3],
        promises: [],
      },
    ],
    steps: ["own_picture", "staff_dialogues"],
  },
];

/** Seeds the demo plans that are missing; returns how many kommuner got one. */
export async function seedDemoPlans({ db, log = () => undefined }: { db: Kysely<DB>; log?: Log }) {
  let added = 0;
  for (const d of PLANS) {
    const kommun = await db
      .selectFrom("organisation")
      .select(["id", "name"])
      .where("slug", "=", d.kommun)
      .executeTakeFirst();
    if (!kommun) continue;
    const exists = await db
      .selectFrom("situation_picture")
      .select("id")
      .where("kommun_id", "=", kommun.id)
      .where("demo", "=", true)
      .executeTakeFirst();
    if (exists) continue;
    await db.transaction().execute(async (trx) => {
      const account = await trx
        .selectFrom("membership as m")
        .innerJoin("account as a", "a.id", "m.account_id")
        .select("a.id")
        .where("m.organisation_id", "=", kommun.id)
        .where("m.role", "=", "analyst")
        .orderBy("a.id")
        .executeTakeFirst();
      const picture = await trx
        .insertInto("situation_picture")
        .values({
          kommun_id: kommun.id,
          period_label: d.period,
          period_start: d.periodStart,
          period_end: d.periodEnd,
          title: `Lägesbild ${kommun.name} ${d.period}`,
          status: d.decided ? "beslutad" : "utkast",
          decided_at: d.decided ? new Date(`${d.plan.decision!.on}T10:00:00+01:00`) : null,
          sections: JSON.stringify(d.sections),
          sources: JSON.stringify(d.sources),
          demo: true,
          created_by: account?.id ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const problemIds: number[] = [];
      for (const [i, p] of d.problems.entries()) {
        const row = await trx
          .insertInto("priority_problem")
          .values({
            picture_id: picture.id,
            rank: i + 1,
            theme: p.theme,
            problem: p.problem,
            causes: p.causes,
            affected: p.affected,
            where_when: p.whereWhen,
            already_done: p.alreadyDone,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        problemIds.push(row.id);
      }
      const dec = d.plan.decision;
      const plan = await trx
        .insertInto("action_plan")
        .values({
          kommun_id: kommun.id,
          picture_id: picture.id,
          title: `Åtgärdsplan ${kommun.name} ${d.period}`,
          period_label: d.period,
          status: dec ? "beslutad" : "utkast",
          summary: d.plan.summary,
          decision_body: dec?.body ?? null,
          decided_on: dec?.on ?? null,
          diarienummer: dec?.dnr ?? null,
          protocol_paragraph: dec?.paragraph ?? null,
          demo: true,
          created_by: account?.id ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const doc = await trx
        .selectFrom("promise_document")
        .select("id")
        .where("kommun_id", "=", kommun.id)
        .where("period_label", "=", d.promisePeriod)
        .orderBy("version", "desc")
        .executeTakeFirst();
      for (const [i, m] of d.measures.entries()) {
        const row = await trx
          .insertInto("plan_measure")
          .values({
            plan_id: plan.id,
            position: i + 1,
            title: m.title,
            owner_kind: m.ownerKind,
            owner_name: m.ownerName,
            resources: m.resources,
            starts_on: m.startsOn,
            ends_on: m.endsOn,
            output_text: m.outputText,
            output_target: JSON.stringify(m.target),
            status: m.status,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (m.problems.length)
          await trx
            .insertInto("measure_problem")
            .values(m.problems.map((n) => ({ measure_id: row.id, problem_id: problemIds[n - 1]! })))
            .execute();
        for (const [fa, pos] of doc ? m.promises : []) {
          const promise = await trx
            .selectFrom("promise as p")
            .innerJoin("focus_area as f", "f.id", "p.focus_area_id")
            .select("p.id")
            .where("f.document_id", "=", doc!.id)
            .where("f.position", "=", fa)
            .where("p.position", "=", pos)
            .executeTakeFirst();
          if (promise)
            await trx.insertInto("measure_promise").values({ measure_id: row.id, promise_id: promise.id }).execute();
        }
      }
      for (const step of d.steps)
        await trx
          .insertInto("process_step")
          .values({ kommun_id: kommun.id, step, done_by: account?.id ?? null, note: "demo" })
          .onConflict((oc) => oc.columns(["kommun_id", "step"]).doNothing())
          .execute();
    });
    added++;
  }
  if (added) log({ level: "info", msg: "seeded demo plans", kommuner: added });
  return added;
}

/**
 * One åtgärdsplan as its pages show it: the plan, the lägesbild it rests on and that lägesbild's problems, every
 * measure with its problems, outcome indicators, linked promises and their follow-up, the decision and the next
 * revision, the roll-up of the follow-up, and the comments.
 */
import type { Database } from "~/platform/db.server";
import type { Target } from "~/features/promises/index";
import type { MeasureOwnerKind, MeasureStatus } from "./domain/documents";
import { revisionOf, stockholmToday } from "./domain/revision";
import { planOfKommun, revisionMonthsOf } from "./action-plans.server";
import { indicatorChoicesOfKommun } from "./measures.server";
import { linkedPromises, rollUp } from "./measure-links.server";
import { commentsOf } from "./comments.server";

export async function getActionPlan({
  db,
  kommunId,
  planId,
  now = new Date(),
}: {
  db: Database;
  kommunId: number;
  planId: number;
  now?: Date;
}) {
  const plan = await planOfKommun(db, kommunId, planId);
  const picture = await db
    .selectFrom("situation_picture")
    .select(["id", "title", "version", "status", "period_label as periodLabel"])
    .where("id", "=", plan.picture_id)
    .executeTakeFirstOrThrow();
  const problems = await db
    .selectFrom("priority_problem")
    .select(["id", "rank", "problem", "theme"])
    .where("picture_id", "=", plan.picture_id)
    .orderBy("rank")
    .orderBy("id")
    .execute();
  const rows = await db
    .selectFrom("plan_measure as m")
    .leftJoin("zone as z", "z.id", "m.zone_id")
    .selectAll("m")
    .select("z.name as zone_name")
    .where("m.plan_id", "=", planId)
    .orderBy("m.position")
    .execute();
  const ids = rows.map((r) => r.id);
  const problemLinks = ids.length
    ? await db.selectFrom("measure_problem").selectAll().where("measure_id", "in", ids).execute()
    : [];
  const outcomeLinks = ids.length
    ? await db.selectFrom("measure_outcome").selectAll().where("measure_id", "in", ids).execute()
    : [];
  const indicators = await indicatorChoicesOfKommun(db, kommunId);
  const today = stockholmToday(now);
  const promises = await linkedPromises(db, kommunId, ids, today);
  const measures = rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    ownerKind: r.owner_kind as MeasureOwnerKind,
    ownerName: r.owner_name,
    resources: r.resources,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    outputText: r.output_text,
    outputTarget: (typeof r.output_target === "string" ? JSON.parse(r.output_target) : r.output_target) as Target,
    status: r.status as MeasureStatus,
    problemIds: problemLinks.filter((l) => l.measure_id === r.id).map((l) => l.problem_id),
    indicators: indicators.filter((i) => outcomeLinks.some((l) => l.measure_id === r.id && l.indicator_id === i.id)),
    promises: promises.get(r.id) ?? [],
    zone: r.zone_id === null ? null : { id: r.zone_id, name: r.zone_name ?? "" },
  }));
  const months = await revisionMonthsOf(db, kommunId);
  const comments = await commentsOf(db, "action_plan", planId);
  return {
    id: plan.id,
    title: plan.title,
    periodLabel: plan.period_label,
    status: plan.status,
    version: plan.version,
    summary: plan.summary,
    demo: plan.demo,
    decision: plan.decided_on
      ? {
          body: plan.decision_body ?? "",
          decidedOn: plan.decided_on,
          diarienummer: plan.diarienummer ?? "",
          protocolParagraph: plan.protocol_paragraph ?? "",
        }
      : null,
    revisionMonths: months,
    revision: plan.decided_on ? revisionOf({ decidedOn: plan.decided_on, months, today }) : null,
    picture,
    problems,
    measures,
    indicators,
    rollUp: rollUp(measures),
    comments,
  };
}

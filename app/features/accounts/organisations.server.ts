import { sql } from "kysely";
import type { Database } from "~/platform/db.server";
import type { Organisation, OrganisationKind } from "../../../db/schema";
import { NotFound } from "~/platform/errors.server";

/** All organisations, parents before children (the tree is small: regions, LPOs, kommuner). */
export async function listOrganisations({ db }: { db: Database }): Promise<Organisation[]> {
  return db.selectFrom("organisation").selectAll().orderBy("kind").orderBy("name").execute();
}

/** The kommuner, with the LPO each belongs to. */
export async function listKommuner({ db }: { db: Database }) {
  return db
    .selectFrom("organisation as k")
    .leftJoin("organisation as l", "l.id", "k.parent_id")
    .where("k.kind", "=", "kommun")
    .select(["k.id", "k.slug", "k.name", "l.id as lpoId", "l.name as lpoName", "l.kind as parentKind"])
    .orderBy("k.name")
    .execute();
}

export async function getOrganisationBySlug({
  db,
  slug,
  kind,
}: {
  db: Database;
  slug: string;
  kind?: OrganisationKind;
}) {
  let q = db.selectFrom("organisation").selectAll().where("slug", "=", slug);
  if (kind) q = q.where("kind", "=", kind);
  const org = await q.executeTakeFirst();
  if (!org) throw new NotFound("account.error.organisationNotFound", { slug });
  return org;
}

/** The ids of an organisation and all its ancestors (kommun → LPO → region). */
export async function ancestorIds({ db, organisationId }: { db: Database; organisationId: number }): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    with recursive up(id, parent_id) as (
      select id, parent_id from organisation where id = ${organisationId}
      union all
      select o.id, o.parent_id from organisation o join up on o.id = up.parent_id
    )
    select id from up`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** The kommun ids at or below an organisation (a region or LPO covers its kommuner). */
export async function kommunIdsUnder({
  db,
  organisationId,
}: {
  db: Database;
  organisationId: number;
}): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    with recursive down(id, kind) as (
      select id, kind from organisation where id = ${organisationId}
      union all
      select o.id, o.kind from organisation o join down on o.parent_id = down.id
    )
    select id from down where kind = 'kommun'`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** The LPO (police side) of a kommun, if it has one. */
export async function lpoOfKommun({ db, kommunId }: { db: Database; kommunId: number }) {
  return db
    .selectFrom("organisation as k")
    .innerJoin("organisation as l", "l.id", "k.parent_id")
    .where("k.id", "=", kommunId)
    .where("l.kind", "=", "lpo")
    .select(["l.id", "l.slug", "l.name"])
    .executeTakeFirst();
}

/** The kommuner a user can reach through any membership (a membership on an LPO or region covers its kommuner). */
export async function accessibleKommuner({
  db,
  memberships,
}: {
  db: Database;
  memberships: { organisationId: number; role: string; side: string | null }[];
}) {
  const byKommun = new Map<number, { role: string; side: string | null }[]>();
  for (const m of memberships) {
    for (const id of await kommunIdsUnder({ db, organisationId: m.organisationId })) {
      byKommun.set(id, [...(byKommun.get(id) ?? []), { role: m.role, side: m.side }]);
    }
  }
  if (byKommun.size === 0) return [];
  const rows = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("id", "in", [...byKommun.keys()])
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ ...r, roles: byKommun.get(r.id)! }));
}

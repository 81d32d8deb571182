/**
 * EST reporters of a kommun (docs/domain/est.md, "Reporters"): an account with the role `reporter` on the kommun,
 * the kind and name of the organisation it reports for, and the zones it reports on. Coordinators (permission
 * `est:coordinate`) add them, change their zones and take the role back.
 */
import { createAccount } from "~/features/accounts/index.server";
import type { Database } from "~/platform/db.server";
import { Forbidden, Invalid, NotFound, fieldError, type FieldError } from "~/platform/errors.server";
import { PARTNER_KINDS, type EstPartnerKind } from "./domain/categories";
import { kommunZones, type EstZone } from "./zones.server";

export interface EstReporterView {
  id: number;
  accountId: number;
  name: string;
  email: string;
  partnerKind: EstPartnerKind;
  partnerName: string;
  zones: EstZone[];
}

/** The reporters of a kommun with their zones, by name. */
export async function listReporters({ db, kommunId }: { db: Database; kommunId: number }): Promise<EstReporterView[]> {
  const rows = await db
    .selectFrom("est_reporter as r")
    .innerJoin("account as a", "a.id", "r.account_id")
    .innerJoin("membership as m", (j) =>
      j
        .onRef("m.account_id", "=", "r.account_id")
        .onRef("m.organisation_id", "=", "r.kommun_id")
        .on("m.role", "=", "reporter"),
    )
    .select(["r.id", "r.account_id", "a.display_name", "a.email", "r.partner_kind", "r.partner_name"])
    .where("r.kommun_id", "=", kommunId)
    .where("a.disabled_at", "is", null)
    .orderBy("a.display_name")
    .execute();
  const zones = rows.length
    ? await db
        .selectFrom("est_reporter_zone as rz")
        .innerJoin("zone as z", "z.id", "rz.zone_id")
        .select(["rz.reporter_id", "z.id", "z.code", "z.name"])
        .where(
          "rz.reporter_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("z.name")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    name: r.display_name,
    email: r.email,
    partnerKind: r.partner_kind,
    partnerName: r.partner_name,
    zones: zones.filter((z) => z.reporter_id === r.id).map(({ id, code, name }) => ({ id, code, name })),
  }));
}

/** The signed-in reporter in a kommun, with the zones they report on; 403 when the account reports on none there. */
export async function reporterOf({
  db,
  kommunId,
  accountId,
}: {
  db: Database;
  kommunId: number;
  accountId: number;
}): Promise<EstReporterView> {
  const r = (await listReporters({ db, kommunId })).find((x) => x.accountId === accountId);
  if (!r) throw new Forbidden("est.err.notReporter");
  return r;
}

export interface ReporterInput {
  email: string;
  name: string;
  partnerKind: string;
  partnerName: string;
  zoneIds: number[];
}

async function checkInput(db: Database, kommunId: number, input: Omit<ReporterInput, "email" | "name">) {
  const errors: FieldError[] = [];
  if (!PARTNER_KINDS.includes(input.partnerKind as EstPartnerKind))
    errors.push(fieldError("partnerKind", "est.err.partnerKind"));
  const partnerName = input.partnerName.trim();
  if (partnerName.length < 1 || partnerName.length > 120) errors.push(fieldError("partnerName", "est.err.partnerName"));
  const zones = await kommunZones({ db, kommunId });
  const zoneIds = [...new Set(input.zoneIds)];
  if (!zoneIds.length || zoneIds.some((id) => !zones.some((z) => z.id === id)))
    errors.push(fieldError("zones", "est.err.zones"));
  return { errors, partnerName, zoneIds };
}

/**
 * Gives a person the reporter role on the kommun for the chosen zones: creates the account (with a generated
 * password, returned once) or adds the role to an existing one. All or nothing.
 */
export async function addReporter({
  db,
  kommunId,
  input,
}: {
  db: Database;
  kommunId: number;
  input: ReporterInput;
}): Promise<{ reporterId: number; password: string | null }> {
  const { errors, partnerName, zoneIds } = await checkInput(db, kommunId, input);
  const name = input.name.trim();
  if (name.length < 1 || name.length > 120) errors.push(fieldError("name", "est.err.name"));
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email.trim())) errors.push(fieldError("email", "account.error.email"));
  if (errors.length) throw new Invalid(errors);
  return db.transaction().execute(async (trx) => {
    const { accountId, password } = await createAccount({
      db: trx,
      email: input.email,
      displayName: name,
      role: "reporter",
      organisationId: kommunId,
    });
    const r = await trx
      .insertInto("est_reporter")
      .values({
        account_id: accountId,
        kommun_id: kommunId,
        partner_kind: input.partnerKind as EstPartnerKind,
        partner_name: partnerName,
      })
      .onConflict((oc) =>
        oc
          .columns(["account_id", "kommun_id"])
          .doUpdateSet({ partner_kind: input.partnerKind as EstPartnerKind, partner_name: partnerName }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    await setZones(trx, r.id, zoneIds);
    return { reporterId: r.id, password };
  });
}

async function setZones(db: Database, reporterId: number, zoneIds: number[]) {
  await db.deleteFrom("est_reporter_zone").where("reporter_id", "=", reporterId).execute();
  await db
    .insertInto("est_reporter_zone")
    .values(zoneIds.map((zone_id) => ({ reporter_id: reporterId, zone_id })))
    .execute();
}

async function ownReporter(db: Database, kommunId: number, reporterId: number) {
  const r = await db
    .selectFrom("est_reporter")
    .select(["id", "account_id"])
    .where("id", "=", reporterId)
    .where("kommun_id", "=", kommunId)
    .executeTakeFirst();
  if (!r) throw new NotFound("est.err.reporterNotFound");
  return r;
}

/** Changes a reporter's organisation and zones (their filed reports stay). */
export async function updateReporter({
  db,
  kommunId,
  reporterId,
  input,
}: {
  db: Database;
  kommunId: number;
  reporterId: number;
  input: Omit<ReporterInput, "email" | "name">;
}) {
  await ownReporter(db, kommunId, reporterId);
  const { errors, partnerName, zoneIds } = await checkInput(db, kommunId, input);
  if (errors.length) throw new Invalid(errors);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("est_reporter")
      .set({ partner_kind: input.partnerKind as EstPartnerKind, partner_name: partnerName })
      .where("id", "=", reporterId)
      .execute();
    await setZones(trx, reporterId, zoneIds);
  });
}

/**
 * Takes the reporter role on the kommun back. The filed reports stay (the picture keeps them); the account keeps
 * its other roles, and can no longer file here.
 */
export async function removeReporter({
  db,
  kommunId,
  reporterId,
}: {
  db: Database;
  kommunId: number;
  reporterId: number;
}) {
  const r = await ownReporter(db, kommunId, reporterId);
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("membership")
      .where("account_id", "=", r.account_id)
      .where("organisation_id", "=", kommunId)
      .where("role", "=", "reporter")
      .execute();
    await trx.deleteFrom("est_reporter_zone").where("reporter_id", "=", reporterId).execute();
  });
}

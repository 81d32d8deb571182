import { sql, type Kysely } from "kysely";

// One promise document in force per kommun and period (docs/decisions/012-one-document-in-force.md). A published
// document is "in force for its period" until a later published document supersedes it (supersedes_id points at
// it). Periods that overlap by a single day count as the same period: on any day a citizen must get one answer to
// "which promises apply here today". So a document can be published only when every other published document of
// the kommun whose period overlaps its own is either the one it supersedes or already superseded.
//
// This is a trigger, not an exclusion constraint: "in force" depends on other rows (a later document's
// supersedes_id), which a constraint on one row cannot see, and the obvious exclusion over a daterange needs
// btree_gist, which the embedded PGlite does not ship. No column of a published document changes (they are
// immutable, see migration 2026_11_23_191000 and docs/operations.md): superseding writes only the new row.
//
// Two publishes at once: the trigger first locks the kommun's organisation row (FOR NO KEY UPDATE, which does not
// block foreign-key checks against it), so the second waits for the first to commit and then sees it.
//
// Rows published before this migration are left as they are; an overlap among them is resolved for reading by a
// deterministic tie-break in the app (latest published wins) and can be cleaned up by an operator.
//
// The refusal is SQLSTATE 23P01 (exclusion_violation) naming both documents.
const statements = [
  sql`create function td_one_document_in_force() returns trigger language plpgsql as $$
    declare
      clash record;
    begin
      if new.status <> 'publicerat' or (tg_op = 'UPDATE' and old.status = 'publicerat') then
        return new;
      end if;
      perform 1 from organisation where id = new.kommun_id for no key update;
      if new.supersedes_id is not null and not exists (
        select 1 from promise_document p
         where p.id = new.supersedes_id and p.kommun_id = new.kommun_id and p.status = 'publicerat'
      ) then
        raise exception 'promise document % supersedes %, which is not a published document of the same kommun', new.id, new.supersedes_id
          using errcode = '23P01';
      end if;
      select o.id, o.version, o.period_label into clash
        from promise_document o
       where o.kommun_id = new.kommun_id
         and o.id <> new.id
         and o.status = 'publicerat'
         and o.period_start <= new.period_end
         and new.period_start <= o.period_end
         and o.id is distinct from new.supersedes_id
         and not exists (
           select 1 from promise_document s
            where s.supersedes_id = o.id and s.status = 'publicerat' and s.id <> new.id
         )
       order by o.id
       limit 1;
      if found then
        raise exception 'promise document % cannot be published beside document % (%, version %), which is in force for an overlapping period',
          new.id, clash.id, clash.period_label, clash.version
          using errcode = '23P01',
                hint = 'Publish it as the replacement of the document in force (supersedes_id), or change its period.';
      end if;
      return new;
    end
  $$`,
  sql`create trigger promise_document_one_in_force before insert or update on promise_document
    for each row execute function td_one_document_in_force()`,
  // "Superseded by" is looked up on every list of published documents.
  sql`create index promise_document_supersedes_idx on promise_document (supersedes_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes one at a time.
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index promise_document_supersedes_idx`.execute(db);
  await sql`drop trigger promise_document_one_in_force on promise_document`.execute(db);
  await sql`drop function td_one_document_in_force()`.execute(db);
}

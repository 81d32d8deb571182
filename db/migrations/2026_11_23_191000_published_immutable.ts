import { sql, type Kysely } from "kysely";

// A published promise document is immutable in the database too, not only in the model (withEdit): its row, its
// focus areas, their figure links and its promises refuse UPDATE, DELETE and new children. A revision is a new
// document (revise() only inserts). What the workflow does after publishing lives elsewhere and stays allowed:
// follow-up entries, outcome indicators, comments, approvals and history have their own tables, and no column of
// a published document changes after publish() (the version in force is computed, not stored); `updated_at` alone
// may still be touched. Every other column is compared, so a column added later is frozen unless a migration says
// otherwise.
//
// Allowed exceptions:
// - children inserted in the same transaction as their published document (createPromiseDocument with status
//   publicerat, used by the seed): the document's insert leaves a transaction-local marker;
// - operators only, deliberately, in one transaction: `select set_config('td.allow_published_change', 'on', true)`
//   (e.g. removing a document published by mistake). The app never sets it.
//
// The refusal is SQLSTATE 55000 (object_not_in_prerequisite_state) with a message naming the row and the document.
const statements = [
  sql`create function td_published_change_allowed() returns boolean language sql stable as $$
    select coalesce(current_setting('td.allow_published_change', true), '') = 'on'
  $$`,
  sql`create function td_document_published(doc integer) returns boolean language sql stable as $$
    select exists (select 1 from promise_document where id = doc and status = 'publicerat')
  $$`,
  // True when the document row was inserted in the current transaction (its children may then be inserted).
  sql`create function td_document_new_in_transaction(doc integer) returns boolean language sql stable as $$
    select position(',' || doc || ',' in coalesce(current_setting('td.new_documents', true), '')) > 0
  $$`,
  sql`create function td_refuse_published_change(op text, tbl text, row_id integer, doc integer) returns void language plpgsql as $$
    begin
      raise exception 'published promise document % is immutable: % of % % refused', doc, op, tbl, row_id
        using errcode = '55000',
              hint = 'Start a revision (revidera) to make a new version. Follow-up entries and outcome indicators are in their own tables.';
    end
  $$`,
  sql`create function td_promise_document_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform set_config('td.new_documents', coalesce(current_setting('td.new_documents', true), '') || ',' || new.id || ',', true);
        return new;
      end if;
      if old.status <> 'publicerat' or td_published_change_allowed() then
        return case when tg_op = 'DELETE' then old else new end;
      end if;
      if tg_op = 'UPDATE' and (to_jsonb(new) - 'updated_at') = (to_jsonb(old) - 'updated_at') then
        return new;
      end if;
      perform td_refuse_published_change(tg_op, tg_table_name, old.id, old.id);
      return null;
    end
  $$`,
  // focus_area (document_id), figure_link and promise (focus_area_id): the document is found through the row.
  sql`create function td_published_child_guard() returns trigger language plpgsql as $$
    declare
      old_doc integer;
      new_doc integer;
    begin
      if td_published_change_allowed() then
        return case when tg_op = 'DELETE' then old else new end;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        if tg_table_name = 'focus_area' then
          old_doc := old.document_id;
        else
          select document_id into old_doc from focus_area where id = old.focus_area_id;
        end if;
        if old_doc is not null and td_document_published(old_doc) then
          perform td_refuse_published_change(tg_op, tg_table_name, old.id, old_doc);
        end if;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        if tg_table_name = 'focus_area' then
          new_doc := new.document_id;
        else
          select document_id into new_doc from focus_area where id = new.focus_area_id;
        end if;
        if new_doc is not null and td_document_published(new_doc)
           and not (tg_op = 'INSERT' and td_document_new_in_transaction(new_doc)) then
          perform td_refuse_published_change(tg_op, tg_table_name, new.id, new_doc);
        end if;
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end
  $$`,
  sql`create trigger promise_document_published_guard before insert or update or delete on promise_document
    for each row execute function td_promise_document_guard()`,
  sql`create trigger focus_area_published_guard before insert or update or delete on focus_area
    for each row execute function td_published_child_guard()`,
  sql`create trigger figure_link_published_guard before insert or update or delete on figure_link
    for each row execute function td_published_child_guard()`,
  sql`create trigger promise_published_guard before insert or update or delete on promise
    for each row execute function td_published_child_guard()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes one at a time.
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["promise", "figure_link", "focus_area"])
    await sql`drop trigger ${sql.raw(`${t}_published_guard`)} on ${sql.table(t)}`.execute(db);
  await sql`drop trigger promise_document_published_guard on promise_document`.execute(db);
  for (const f of [
    "td_published_child_guard()",
    "td_promise_document_guard()",
    "td_refuse_published_change(text, text, integer, integer)",
    "td_document_new_in_transaction(integer)",
    "td_document_published(integer)",
    "td_published_change_allowed()",
  ])
    await sql`drop function ${sql.raw(f)}`.execute(db);
}

import { sql, type Kysely } from "kysely";

// Cell-key perturbation (docs/decisions/014-cell-key-perturbation.md): every response carries a random record key
// in 0..255, fixed when it is stored. A published count gets a small noise looked up from the sum of its records'
// keys (mod 256), so the same group always shows the same figure and differences of figures are noisy.
//
// The aggregates must give each count's key sum beside the count. The results cube keeps, in every count column, a
// weight per response of 2^32 + key (bigint): the sum of the weights of n responses is n·2^32 + their key sum (a key
// sum stays below 2^32 for up to 16 million responses), so the cube's sums stay sums. The answer bitmaps get eight
// bit planes per segment (`response_bits_dim` with dim 'key', value '0'..'7': the responses whose key has that bit):
// a bit string's key sum is the sum over planes of 2^j · bit_count(bits AND plane j).
//
// Both aggregates are derived data: they are emptied here and fold again from `response` at the next read.
export async function up(db: Kysely<any>): Promise<void> {
  // A volatile default is evaluated per row: every existing response gets its own key.
  await sql`alter table response add column cell_key smallint not null default (floor(random() * 256))::smallint
    constraint response_cell_key_range check (cell_key between 0 and 255)`.execute(db);

  await sql`delete from response_cube`.execute(db);
  await sql`update response_cube_state set watermark = 0, holder_questions = '{}'::text[], folded_at = null`.execute(
    db,
  );
  await sql`alter table response_cube
    alter column respondents type bigint,
    alter column counts type bigint[],
    alter column holders type bigint[]`.execute(db);

  await sql`delete from response_bits`.execute(db);
  await sql`delete from response_bits_dim`.execute(db);
  await sql`update response_bits_state set watermark = 0, next_pos = 0, folded_at = null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from response_bits`.execute(db);
  await sql`delete from response_bits_dim`.execute(db);
  await sql`update response_bits_state set watermark = 0, next_pos = 0, folded_at = null`.execute(db);
  await sql`delete from response_cube`.execute(db);
  await sql`update response_cube_state set watermark = 0, holder_questions = '{}'::text[], folded_at = null`.execute(
    db,
  );
  await sql`alter table response_cube
    alter column respondents type integer,
    alter column counts type integer[],
    alter column holders type integer[]`.execute(db);
  await sql`alter table response drop column cell_key`.execute(db);
}

import type { Migration } from "kysely";
import * as m20261123100000 from "./2026_11_23_100000_foundation";
import * as m20261123110000 from "./2026_11_23_110000_surveys";
import * as m20261123120000 from "./2026_11_23_120000_promises";
import * as m20261123130000 from "./2026_11_23_130000_dialogue";
import * as m20261123140000 from "./2026_11_23_140000_results_cube";
import * as m20261123150000 from "./2026_11_23_150000_population";
import * as m20261123160000 from "./2026_11_23_160000_freetext_coding";
import * as m20261123170000 from "./2026_11_23_170000_promise_workflow";
import * as m20261123180000 from "./2026_11_23_180000_follow_up";
import * as m20261123190000 from "./2026_11_23_190000_promise_lineage";
import * as m20261123191000 from "./2026_11_23_191000_published_immutable";
import * as m20261123200000 from "./2026_11_23_200000_results_cooc";
import * as m20261123210000 from "./2026_11_23_210000_results_cooc_demographics";
import * as m20261123220000 from "./2026_11_23_220000_results_bits";
import * as m20261207100000 from "./2026_12_07_100000_anonymity";
import * as m20261207110000 from "./2026_12_07_110000_sign_in_doors";
import * as m20261207120000 from "./2026_12_07_120000_one_document_in_force";
import * as m20261207160000 from "./2026_12_07_160000_stored_values";
import * as m20261207170000 from "./2026_12_07_170000_stored_values_rest";
import * as m20261207180000 from "./2026_12_07_180000_cell_key";
import * as m20261208100000 from "./2026_12_08_100000_crime_statistics";
import * as m20261208110000 from "./2026_12_08_110000_lagesbild_atgardsplan";
import * as m20261208140000 from "./2026_12_08_140000_published_results";
import * as m20261209100000 from "./2026_12_09_100000_zones";
import * as m20261209120000 from "./2026_12_09_120000_est";
import * as m20261209130000 from "./2026_12_09_130000_public_updates";
import * as m20261209140000 from "./2026_12_09_140000_subscriptions";
import * as m20261209150000 from "./2026_12_09_150000_place_links";
import * as m20261209160000 from "./2026_12_09_160000_est_category_theme";
import * as m20261209170000 from "./2026_12_09_170000_bits_generation";

/** Every migration, by name, in order. A new migration is a new file added here; landed files are frozen. */
export const migrations: Record<string, Migration> = {
  "2026_11_23_100000_foundation": m20261123100000,
  "2026_11_23_110000_surveys": m20261123110000,
  "2026_11_23_120000_promises": m20261123120000,
  "2026_11_23_130000_dialogue": m20261123130000,
  "2026_11_23_140000_results_cube": m20261123140000,
  "2026_11_23_150000_population": m20261123150000,
  "2026_11_23_160000_freetext_coding": m20261123160000,
  "2026_11_23_170000_promise_workflow": m20261123170000,
  "2026_11_23_180000_follow_up": m20261123180000,
  "2026_11_23_190000_promise_lineage": m20261123190000,
  "2026_11_23_191000_published_immutable": m20261123191000,
  "2026_11_23_200000_results_cooc": m20261123200000,
  "2026_11_23_210000_results_cooc_demographics": m20261123210000,
  "2026_11_23_220000_results_bits": m20261123220000,
  "2026_12_07_100000_anonymity": m20261207100000,
  "2026_12_07_110000_sign_in_doors": m20261207110000,
  "2026_12_07_120000_one_document_in_force": m20261207120000,
  "2026_12_07_160000_stored_values": m20261207160000,
  "2026_12_07_170000_stored_values_rest": m20261207170000,
  "2026_12_07_180000_cell_key": m20261207180000,
  "2026_12_08_100000_crime_statistics": m20261208100000,
  "2026_12_08_110000_lagesbild_atgardsplan": m20261208110000,
  "2026_12_08_140000_published_results": m20261208140000,
  "2026_12_09_100000_zones": m20261209100000,
  "2026_12_09_120000_est": m20261209120000,
  "2026_12_09_130000_public_updates": m20261209130000,
  "2026_12_09_140000_subscriptions": m20261209140000,
  "2026_12_09_150000_place_links": m20261209150000,
  "2026_12_09_160000_est_category_theme": m20261209160000,
  "2026_12_09_170000_bits_generation": m20261209170000,
};

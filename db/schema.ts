// The database's tables for Kysely, by feature in db/schema/; `DB` joins them.
import type { AccountsTables } from "./schema/accounts";
import type { CrimeTables } from "./schema/crime";
import type { DialogueTables } from "./schema/dialogue";
import type { EstTables } from "./schema/est";
import type { PlacesTables } from "./schema/places";
import type { PlansTables } from "./schema/plans";
import type { PromisesTables } from "./schema/promises";
import type { ResultsTables } from "./schema/results";
import type { SurveysTables } from "./schema/surveys";

export type * from "./schema/accounts";
export type * from "./schema/surveys";
export type * from "./schema/dialogue";
export type * from "./schema/results";
export type * from "./schema/promises";
export type * from "./schema/crime";
export type * from "./schema/plans";
export type * from "./schema/places";
export type * from "./schema/est";
export type { Json } from "./schema/columns";

export interface DB
  extends
    AccountsTables,
    SurveysTables,
    DialogueTables,
    CrimeTables,
    ResultsTables,
    PromisesTables,
    PlansTables,
    PlacesTables,
    EstTables {}

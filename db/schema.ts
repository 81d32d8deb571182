import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type OrganisationKind = "region" | "lpo" | "kommun";
export type Role = "admin" | "analyst" | "editor" | "viewer";
export type Side = "polis" | "kommun";

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: OrganisationKind;
  parent_id: number | null;
  created_at: Timestamp;
}

export interface AccountTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  locale: Generated<string>;
  created_at: Timestamp;
  password_changed_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface MembershipTable {
  id: Generated<number>;
  account_id: number;
  organisation_id: number;
  role: Role;
  side: Side | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id_hash: string;
  account_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  account_id: number;
  token_hash: string;
  label: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
}

export interface DailySaltTable {
  day: DateOnly;
  salt: string;
}

export interface DB {
  organisation: OrganisationTable;
  account: AccountTable;
  membership: MembershipTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  daily_salt: DailySaltTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type Membership = Selectable<MembershipTable>;
export type { Json };

/** Tables of accounts: organisations, accounts, memberships, sessions, API tokens and the login throttle. */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { Timestamp } from "./columns";

export type OrganisationKind = "region" | "lpo" | "kommun";

/** `reporter`: files EST weekly reports for a kommun and nothing else (docs/domain/est.md). */
export type Role = "admin" | "analyst" | "editor" | "viewer" | "reporter";

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
  /** Moved forward as the session is used (at most once a minute); the session ends after an idle time. */
  last_seen_at: Timestamp;
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
  /** The account a pair or account key is about (unknown emails have none); never an address. */
  account_id: number | null;
  locked_at: Timestamp | null;
  lock_count: Generated<number>;
}

/** The accounts tables of `DB` (db/schema.ts). */
export interface AccountsTables {
  organisation: OrganisationTable;
  account: AccountTable;
  membership: MembershipTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type Membership = Selectable<MembershipTable>;

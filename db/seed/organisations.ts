import type { OrganisationKind } from "../schema";

/**
 * The demo organisations. Only what the seed documents and public facts support: Polisregion Nord with
 * lokalpolisområde Östra Norrbotten covering Haparanda, Kalix, Pajala and Övertorneå; Härjedalen in Polisregion
 * Mitt, whose document names "Polisen" without an LPO, so it hangs directly under the region.
 */
export const ORGANISATIONS: { slug: string; name: string; kind: OrganisationKind; parent: string | null }[] = [
  { slug: "polisregion-nord", name: "Polisregion Nord", kind: "region", parent: null },
  { slug: "polisregion-mitt", name: "Polisregion Mitt", kind: "region", parent: null },
  { slug: "ostra-norrbotten", name: "Lokalpolisområde Östra Norrbotten", kind: "lpo", parent: "polisregion-nord" },
  { slug: "haparanda", name: "Haparanda kommun", kind: "kommun", parent: "ostra-norrbotten" },
  { slug: "kalix", name: "Kalix kommun", kind: "kommun", parent: "ostra-norrbotten" },
  { slug: "pajala", name: "Pajala kommun", kind: "kommun", parent: "ostra-norrbotten" },
  { slug: "overtornea", name: "Övertorneå kommun", kind: "kommun", parent: "ostra-norrbotten" },
  { slug: "harjedalen", name: "Härjedalens kommun", kind: "kommun", parent: "polisregion-mitt" },
];

/** Demo-only accounts; the README names the shared demo password. Never use it outside a demo. */
export const DEMO_PASSWORD = "demo-endast-2026";

export const DEMO_ACCOUNTS: {
  email: string;
  name: string;
  org: string;
  role: "admin" | "analyst" | "editor" | "viewer";
  side?: "polis" | "kommun";
}[] = [
  { email: "admin@trygghetsdialog.example", name: "Demo Administratör", org: "polisregion-nord", role: "admin" },
  { email: "admin@trygghetsdialog.example", name: "Demo Administratör", org: "polisregion-mitt", role: "admin" },
  { email: "analytiker@haparanda.example", name: "Anna Analytiker", org: "haparanda", role: "analyst" },
  { email: "redaktor@haparanda.example", name: "Kim Kommunredaktör", org: "haparanda", role: "editor", side: "kommun" },
  {
    email: "kommunpolis@ostranorrbotten.example",
    name: "Pia Kommunpolis",
    org: "ostra-norrbotten",
    role: "editor",
    side: "polis",
  },
  { email: "analytiker@ostranorrbotten.example", name: "Leo LPO-analytiker", org: "ostra-norrbotten", role: "analyst" },
  { email: "lasare@haparanda.example", name: "Lo Läsare", org: "haparanda", role: "viewer" },
  { email: "analytiker@kalix.example", name: "Kai Analytiker", org: "kalix", role: "analyst" },
  { email: "redaktor@kalix.example", name: "Kalle Kommunredaktör", org: "kalix", role: "editor", side: "kommun" },
  { email: "analytiker@harjedalen.example", name: "Hedda Analytiker", org: "harjedalen", role: "analyst" },
  {
    email: "redaktor@harjedalen.example",
    name: "Hugo Kommunredaktör",
    org: "harjedalen",
    role: "editor",
    side: "kommun",
  },
  { email: "polis@harjedalen.example", name: "Hanna Polis", org: "harjedalen", role: "editor", side: "polis" },
];

import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";

/**
 * The head of a lägesbild's or an action plan's page: the way back (the kommun, the list of its kind, the other
 * document), its title, the demo notice, the status line the page gives (`children`), the print and Word links,
 * and a note when the reader may only read.
 */
export function DocumentHead(props: {
  kommun: { slug: string; name: string };
  kind: "lagesbild" | "atgardsplan";
  /** The kicker's last link: the plan's lägesbild, or the list of action plans. */
  other: string;
  doc: { id: number; title: string; demo: boolean };
  canWrite: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const { kommun, doc } = props;
  const base = `/app/${kommun.slug}/${props.kind}`;
  const picture = t("plans.nav.picture");
  const plan = t("plans.nav.plan");
  return (
    <>
      <p className="kicker">
        <Link to={`/app/${kommun.slug}`}>{kommun.name}</Link> ·{" "}
        <Link to={base}>{props.kind === "lagesbild" ? picture : plan}</Link> ·{" "}
        <Link to={props.other}>{props.kind === "lagesbild" ? plan : picture}</Link>
      </p>
      <h1>{doc.title}</h1>
      {doc.demo ? <p className="notice">{t("plans.demo")}</p> : null}
      {props.children}
      <p>
        <Link to={`${base}/${doc.id}/utskrift`}>{t("plans.print")}</Link> ·{" "}
        <a href={`${base}/${doc.id}/utskrift.html`}>{t("plans.word")}</a>
      </p>
      {!props.canWrite ? <p>{t("plans.readOnly")}</p> : null}
    </>
  );
}

/**
 * DCAT-AP-SE metadata (the Swedish profile of DCAT-AP that the national data portal harvests) for a kommun's open
 * data: one catalogue, its datasets and their CSV and JSON distributions, as RDF/XML. Pure: builds the XML from
 * plain data (docs/domain/feedback-to-citizens.md#open-data).
 */
import { xmlText } from "./atom";

export interface DcatDistribution {
  url: string;
  format: "CSV" | "JSON";
}

export interface DcatDataset {
  id: string;
  title: { sv: string; en: string };
  description: { sv: string; en: string };
  landingPage: string;
  modified: string | null;
  distributions: DcatDistribution[];
}

export interface DcatCatalog {
  id: string;
  title: { sv: string; en: string };
  description: { sv: string; en: string };
  homepage: string;
  publisher: { id: string; name: string };
  contact: { name: string; email?: string; url: string };
  datasets: DcatDataset[];
}

const LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/";
const FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
const MEDIA = { CSV: "text/csv", JSON: "application/json" } as const;
/** EU data theme: government and public sector. */
const THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE";

const both = (tag: string, v: { sv: string; en: string }, indent: string) =>
  `${indent}<${tag} xml:lang="sv">${xmlText(v.sv)}</${tag}>\n${indent}<${tag} xml:lang="en">${xmlText(v.en)}</${tag}>`;

export function dcatRdfXml(c: DcatCatalog): string {
  const attr = xmlText;
  const contact = [
    `      <vcard:Organization>`,
    `        <vcard:fn>${xmlText(c.contact.name)}</vcard:fn>`,
    ...(c.contact.email ? [`        <vcard:hasEmail rdf:resource="mailto:${attr(c.contact.email)}"/>`] : []),
    `        <vcard:hasURL rdf:resource="${attr(c.contact.url)}"/>`,
    `      </vcard:Organization>`,
  ].join("\n");
  const datasets = c.datasets.map((d) =>
    [
      `  <dcat:Dataset rdf:about="${attr(d.id)}">`,
      both("dct:title", d.title, "    "),
      both("dct:description", d.description, "    "),
      `    <dct:publisher rdf:resource="${attr(c.publisher.id)}"/>`,
      `    <dcat:contactPoint>\n${contact}\n    </dcat:contactPoint>`,
      `    <dcat:theme rdf:resource="${THEME}"/>`,
      `    <dcat:landingPage rdf:resource="${attr(d.landingPage)}"/>`,
      `    <dct:accessRights rdf:resource="http://publications.europa.eu/resource/authority/access-right/PUBLIC"/>`,
      ...(d.modified
        ? [
            `    <dct:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#dateTime">${xmlText(d.modified)}</dct:modified>`,
          ]
        : []),
      ...d.distributions.map((x) =>
        [
          `    <dcat:distribution>`,
          `      <dcat:Distribution rdf:about="${attr(x.url)}">`,
          `        <dct:title xml:lang="sv">${xmlText(`${d.title.sv} (${x.format})`)}</dct:title>`,
          `        <dcat:accessURL rdf:resource="${attr(x.url)}"/>`,
          `        <dcat:downloadURL rdf:resource="${attr(x.url)}"/>`,
          `        <dct:format rdf:resource="${FILE_TYPE}${x.format}"/>`,
          `        <dcat:mediaType rdf:resource="http://www.iana.org/assignments/media-types/${MEDIA[x.format]}"/>`,
          `        <dct:license rdf:resource="${LICENSE}"/>`,
          `      </dcat:Distribution>`,
          `    </dcat:distribution>`,
        ].join("\n"),
      ),
      `  </dcat:Dataset>`,
    ].join("\n"),
  );
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"`,
    `  xmlns:dct="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/"`,
    `  xmlns:vcard="http://www.w3.org/2006/vcard/ns#">`,
    `  <dcat:Catalog rdf:about="${attr(c.id)}">`,
    both("dct:title", c.title, "    "),
    both("dct:description", c.description, "    "),
    `    <dct:publisher rdf:resource="${attr(c.publisher.id)}"/>`,
    `    <foaf:homepage rdf:resource="${attr(c.homepage)}"/>`,
    `    <dct:license rdf:resource="${LICENSE}"/>`,
    `    <dcat:themeTaxonomy rdf:resource="http://publications.europa.eu/resource/authority/data-theme"/>`,
    ...c.datasets.map((d) => `    <dcat:dataset rdf:resource="${attr(d.id)}"/>`),
    `  </dcat:Catalog>`,
    `  <foaf:Agent rdf:about="${attr(c.publisher.id)}">`,
    `    <foaf:name xml:lang="sv">${xmlText(c.publisher.name)}</foaf:name>`,
    `    <dct:type rdf:resource="http://purl.org/adms/publishertype/LocalAuthority"/>`,
    `  </foaf:Agent>`,
    ...datasets,
    `</rdf:RDF>`,
    "",
  ].join("\n");
}

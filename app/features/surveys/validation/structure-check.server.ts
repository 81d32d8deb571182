/**
 * The structural check of a definition's raw JSON, before survey-core reads it (survey-core silently drops
 * elements of unknown types): pages and elements are lists of objects, every element has a type the server
 * supports, and every question has a name that is allowed and unique (names differing only in case warn).
 */
import { INPUT_TYPES, DISPLAY_TYPES, FORBIDDEN_NAMES } from "./limits.server";
import { isPlainObject } from "./helpers.server";
import type { Issues } from "./compile-context.server";

/** Structural check on the raw JSON: survey-core silently drops elements of unknown types, so check first. */
export function walkRaw(json: Record<string, unknown>, issues: Issues): void {
  const seen = new Map<string, string>();
  const visit = (el: unknown, where: string) => {
    if (!isPlainObject(el)) {
      issues.errors.push(`Ett element på ${where} är inte ett objekt.`);
      return;
    }
    const rawName = typeof el.name === "string" || typeof el.name === "number" ? String(el.name) : "";
    const shown = rawName || "(utan namn)";
    const type = typeof el.type === "string" ? el.type.toLowerCase() : "";
    if (!type) {
      issues.errors.push(`Elementet ${shown} på ${where} saknar typ (type).`);
      return;
    }
    if (type === "panel") {
      const kids = el.elements ?? el.questions;
      if (kids === undefined) return;
      if (!Array.isArray(kids)) issues.errors.push(`Panelen ${shown} har element som inte är en lista.`);
      else for (const k of kids) visit(k, `panelen ${shown}`);
      return;
    }
    if (!INPUT_TYPES.has(type) && !DISPLAY_TYPES.has(type) && type !== "expression") {
      issues.errors.push(`Frågetypen ${String(el.type)} stöds inte (fråga ${shown}).`);
      return;
    }
    if (!rawName.trim()) {
      issues.errors.push(`En fråga av typen ${type} på ${where} saknar namn.`);
      return;
    }
    if (FORBIDDEN_NAMES.has(rawName)) {
      issues.errors.push(`Frågenamnet ${rawName} är inte tillåtet.`);
      return;
    }
    if (seen.has(rawName)) {
      issues.errors.push(`Frågenamnet ${rawName} används av flera frågor.`);
      return;
    }
    const lower = rawName.toLowerCase();
    for (const other of seen.keys()) {
      if (other.toLowerCase() === lower) {
        issues.warnings.push(
          `Frågenamnen ${other} och ${rawName} skiljer sig bara i versaler; villkor i SurveyJS skiljer inte på dem.`,
        );
      }
    }
    seen.set(rawName, type);
  };
  const list = (v: unknown, where: string) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) issues.errors.push(`Elementen på ${where} är inte en lista.`);
    else for (const el of v) visit(el, where);
  };
  if (Array.isArray(json.pages)) {
    json.pages.forEach((p, i) => {
      const where = `sidan ${isPlainObject(p) && typeof p.name === "string" ? p.name : i + 1}`;
      if (!isPlainObject(p)) issues.errors.push(`Sidan ${i + 1} är inte ett objekt.`);
      else list(p.elements ?? p.questions, where);
    });
  }
  list(json.elements ?? json.questions, "enkätens första sida");
  if (seen.size === 0) issues.errors.push("Definitionen innehåller inga frågor.");
}

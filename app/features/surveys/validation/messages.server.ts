import type { Locale } from "./limits.server";
import type { LocText } from "./plan.server";
import { isPlainObject } from "./helpers.server";

// ---------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------

export type MessageKey =
  | "not_an_object"
  | "too_deep"
  | "unknown_question"
  | "hidden_question"
  | "required"
  | "panel_required"
  | "wrong_type"
  | "not_a_number"
  | "not_a_boolean"
  | "not_a_choice"
  | "other_required"
  | "comment_not_allowed"
  | "duplicate_choice"
  | "exclusive_choice"
  | "too_many_choices"
  | "too_few_choices"
  | "out_of_range"
  | "below_min"
  | "above_max"
  | "step"
  | "too_long"
  | "too_short"
  | "invalid_email"
  | "invalid_date"
  | "invalid_format"
  | "invalid_characters"
  | "not_in_matrix"
  | "all_rows_required"
  | "rows_unique"
  | "unknown_item"
  | "no_digits"
  | "expression_failed";

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = {
  sv: {
    not_an_object: "Svaren måste skickas som ett objekt med frågornas namn som nycklar.",
    too_deep: "Svaren är för djupt nästlade för att vara svar på enkätens frågor.",
    unknown_question: "Frågan finns inte i den här enkäten. Ta bort svaret.",
    hidden_question: "Frågan visas inte utifrån dina andra svar. Ta bort svaret eller ändra svaren som styr frågan.",
    required: "Frågan måste besvaras.",
    panel_required: "Besvara minst en av frågorna i den här delen.",
    wrong_type: "Svaret har fel form. Svara på frågan igen i formuläret.",
    not_a_number: "Ange ett tal.",
    not_a_boolean: "Svara ja eller nej.",
    not_a_choice: "Välj ett av alternativen som visas.",
    other_required: "Skriv ditt svar i fältet för Annat.",
    comment_not_allowed: "Fältet för Annat kan bara fyllas i när Annat är valt. Välj Annat eller töm fältet.",
    duplicate_choice: "Samma alternativ är valt flera gånger. Välj varje alternativ högst en gång.",
    exclusive_choice: "Alternativet {value} kan inte kombineras med andra alternativ.",
    too_many_choices: "Välj högst {max} alternativ.",
    too_few_choices: "Välj minst {min} alternativ.",
    out_of_range: "Ange ett värde från {min} till {max}.",
    below_min: "Ange ett värde som är minst {min}.",
    above_max: "Ange ett värde som är högst {max}.",
    step: "Ange ett värde i steg om {step}.",
    too_long: "Svaret är för långt. Korta det till högst {max} tecken.",
    too_short: "Svaret är för kort. Skriv minst {min} tecken.",
    invalid_email: "Ange en giltig e-postadress, till exempel namn@exempel.se.",
    invalid_date: "Ange ett giltigt datum (ÅÅÅÅ-MM-DD).",
    invalid_format: "Svaret har fel format. Kontrollera det och försök igen.",
    invalid_characters: "Svaret innehåller tecken som inte är tillåtna. Skriv om texten och försök igen.",
    not_in_matrix: "Svaret gäller en rad eller kolumn som inte visas i frågan.",
    all_rows_required: "Besvara alla rader.",
    rows_unique: "Välj olika svar på varje rad.",
    unknown_item: "Svaret innehåller ett fält som inte finns i frågan.",
    no_digits: "Svaret får inte innehålla siffror.",
    expression_failed: "Svaret uppfyller inte villkoren för frågan. Kontrollera svaret.",
  },
  en: {
    not_an_object: "Answers must be sent as an object keyed by question name.",
    too_deep: "The answers are nested too deeply to be answers to the survey's questions.",
    unknown_question: "This question is not part of the survey. Remove the answer.",
    hidden_question:
      "This question is not shown for your other answers. Remove the answer or change the answers that control it.",
    required: "Please answer this question.",
    panel_required: "Please answer at least one question in this section.",
    wrong_type: "The answer has the wrong form. Please answer the question again in the form.",
    not_a_number: "Please enter a number.",
    not_a_boolean: "Please answer yes or no.",
    not_a_choice: "Please choose one of the options shown.",
    other_required: "Please type your answer in the Other field.",
    comment_not_allowed:
      "The Other field can only be filled in when Other is selected. Select Other or clear the field.",
    duplicate_choice: "The same option is selected more than once. Select each option at most once.",
    exclusive_choice: "The option {value} cannot be combined with other options.",
    too_many_choices: "Please select at most {max} options.",
    too_few_choices: "Please select at least {min} options.",
    out_of_range: "Please enter a value from {min} to {max}.",
    below_min: "Please enter a value of at least {min}.",
    above_max: "Please enter a value of at most {max}.",
    step: "Please enter a value in steps of {step}.",
    too_long: "The answer is too long. Shorten it to at most {max} characters.",
    too_short: "The answer is too short. Enter at least {min} characters.",
    invalid_email: "Please enter a valid email address, for example name@example.com.",
    invalid_date: "Please enter a valid date (YYYY-MM-DD).",
    invalid_format: "The answer has the wrong format. Please check it and try again.",
    invalid_characters: "The answer contains characters that are not allowed. Please retype the text and try again.",
    not_in_matrix: "The answer refers to a row or column that is not shown in this question.",
    all_rows_required: "Please answer every row.",
    rows_unique: "Please choose a different answer in each row.",
    unknown_item: "The answer contains a field that is not part of this question.",
    no_digits: "The answer must not contain digits.",
    expression_failed: "The answer does not meet the conditions of this question. Please check it.",
  },
  fi: {
    not_an_object: "Vastaukset on lähetettävä objektina, jonka avaimina ovat kysymysten nimet.",
    too_deep: "Vastaukset ovat liian syvälle sisäkkäisiä ollakseen vastauksia kyselyn kysymyksiin.",
    unknown_question: "Kysymystä ei ole tässä kyselyssä. Poista vastaus.",
    hidden_question:
      "Kysymys ei näy muiden vastaustesi perusteella. Poista vastaus tai muuta sitä ohjaavia vastauksia.",
    required: "Tähän kysymykseen on vastattava.",
    panel_required: "Vastaa vähintään yhteen tämän osion kysymykseen.",
    wrong_type: "Vastaus on väärässä muodossa. Vastaa kysymykseen uudelleen lomakkeella.",
    not_a_number: "Anna luku.",
    not_a_boolean: "Vastaa kyllä tai ei.",
    not_a_choice: "Valitse jokin näytetyistä vaihtoehdoista.",
    other_required: "Kirjoita vastauksesi Muu-kenttään.",
    comment_not_allowed: "Muu-kentän voi täyttää vain, kun Muu on valittuna. Valitse Muu tai tyhjennä kenttä.",
    duplicate_choice: "Sama vaihtoehto on valittu useammin kuin kerran. Valitse kukin vaihtoehto enintään kerran.",
    exclusive_choice: "Vaihtoehtoa {value} ei voi yhdistää muihin vaihtoehtoihin.",
    too_many_choices: "Valitse enintään {max} vaihtoehtoa.",
    too_few_choices: "Valitse vähintään {min} vaihtoehtoa.",
    out_of_range: "Anna arvo väliltä {min}–{max}.",
    below_min: "Anna arvo, joka on vähintään {min}.",
    above_max: "Anna arvo, joka on enintään {max}.",
    step: "Anna arvo {step}:n välein.",
    too_long: "Vastaus on liian pitkä. Lyhennä se enintään {max} merkkiin.",
    too_short: "Vastaus on liian lyhyt. Kirjoita vähintään {min} merkkiä.",
    invalid_email: "Anna kelvollinen sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.",
    invalid_date: "Anna kelvollinen päivämäärä (VVVV-KK-PP).",
    invalid_format: "Vastaus on väärässä muodossa. Tarkista se ja yritä uudelleen.",
    invalid_characters: "Vastauksessa on merkkejä, joita ei sallita. Kirjoita teksti uudelleen ja yritä uudelleen.",
    not_in_matrix: "Vastaus koskee riviä tai saraketta, jota kysymyksessä ei näytetä.",
    all_rows_required: "Vastaa jokaiseen riviin.",
    rows_unique: "Valitse jokaiselle riville eri vastaus.",
    unknown_item: "Vastauksessa on kenttä, jota kysymyksessä ei ole.",
    no_digits: "Vastaus ei saa sisältää numeroita.",
    expression_failed: "Vastaus ei täytä kysymyksen ehtoja. Tarkista vastaus.",
  },
};

export type Failure = { key: MessageKey; params?: Record<string, string | number>; custom?: LocText };

export function formatMessage(locale: Locale, f: Failure): string {
  const custom = pickText(f.custom ?? null, locale);
  const template = custom ?? MESSAGES[locale][f.key];
  return template.replace(/\{(\w+)\}/g, (m, p: string) => (f.params && p in f.params ? String(f.params[p]) : m));
}

/** A localisable text from the definition: a plain string or `{ default, sv, en, fi, ... }`. */
export type { LocText };

export function pickText(t: LocText, locale: Locale): string | undefined {
  if (t === null) return undefined;
  if (typeof t === "string") return t || undefined;
  return t[locale] || t.default || undefined;
}

export function toLocText(v: unknown): LocText {
  if (typeof v === "string") return v || null;
  if (isPlainObject(v)) {
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(v)) if (typeof s === "string" && s) out[k] = s;
    return Object.keys(out).length > 0 ? out : null;
  }
  return null;
}

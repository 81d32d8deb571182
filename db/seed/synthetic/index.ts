/**
 * Deterministic synthetic answers for demo data and benchmarks.
 *
 * Every answer is drawn from a small latent model of a respondent rather than independently per question, so
 * the demo problembild behaves like real survey data: a respondent first gets a place, an age, a gender and a
 * general level of concern, and everything else follows from those (women and the elderly feel less safe at
 * night, young people see more youth gangs and mopeds, the centralort has more disorder and drug dealing, people
 * who were victims worry more and contact the police more often). Each demo kommun has a problem profile taken
 * from its own medborgarlöfte document (docs/domain/seeds.md; texts in db/seed/documents/), so its demo problembild looks like that document.
 *
 * Determinism: every random draw comes from the `Rng` passed in (mulberry32 by default), in a fixed order, so
 * the same seed and profile always give the same answers on any machine. Never call `Math.random` here.
 *
 * Validity: answers are restricted to what the definition actually asks (`describeDefinition`, definition.ts): only existing
 * questions, choices, matrix rows and columns, at most `maxSelectedChoices` ticks, and no answer to a question
 * hidden by a `visibleIf` the generator does not know to be true (the server rejects those).
 */
export { mulberry32, rngFor, type Rng } from "./random";
export {
  DEMO_KOMMUNER,
  DEMO_PROFILES,
  notableProblems,
  profileAreaChoices,
  standardCitizenDefinition,
  type DemoKommun,
  type SyntheticArea,
  type SyntheticProfile,
} from "./profiles";
export {
  describeDefinition,
  type AnswerValue,
  type DefinitionInfo,
  type QuestionInfo,
  type SyntheticAnswer,
} from "./definition";
export {
  STAFF_ACTIVITY_SENTENCES,
  STAFF_PLACE_SENTENCES,
  SUGGESTION_SENTENCES,
  UNSAFE_PLACE_SENTENCES,
} from "./sentences";
export { generateAnswer, generateAnswerList, generateAnswers, type GenerateAnswersOptions } from "./citizen";
export { generateStaffAnswer, generateStaffAnswers } from "./staff";
export { generateSubmittedDates } from "./dates";

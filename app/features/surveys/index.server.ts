// The surveys feature's server face: what routes and higher features use.
export * from "./import.server";
export * from "./invitations.server";
export * from "./responses.server";
export * from "./settings.server";
export * from "./submission-endpoint.server";
export * from "./submission.server";
export * from "./surveys.server";
export * from "./survey-queries.server";
export * from "./validation.server";
export * from "./builder-import.server";
export * from "./native-form.server";

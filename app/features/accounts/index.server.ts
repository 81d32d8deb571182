// The accounts feature's server face: what routes and higher features use.
export * from "./accounts.server";
export * from "./auth.server";
export * from "./login-throttle.server";
export * from "./organisations.server";

// The accounts feature's pure face (browser-safe): the named permissions and the role → permission table.
export * from "./domain/permissions";

// The crime feature's pure face: categories and their themes, rates, the CSV format's rules, and the summary's types.
export * from "./domain/categories";
export * from "./domain/rates";
export * from "./domain/rows";
export * from "./domain/summary";

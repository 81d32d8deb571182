/**
 * True when a parsed JSON value nests arrays/objects deeper than `limit`. Iterative, so a hostile body of
 * 10,000 nested arrays (20 KB) cannot overflow the stack of the recursive walks that come after it.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** SurveyJS answers nest at most a few levels (matrix → row → value); anything deeper is not an answer. */
export const MAX_ANSWER_DEPTH = 8;

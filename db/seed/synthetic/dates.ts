/** Submission dates: most in the first days, a bump after a reminder, the rest trickling in. */
import { pickWeighted, type Rng } from "./random";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When during the day people answer: a lunch bump and most in the evening. */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [7, 2],
  [8, 3],
  [9, 4],
  [10, 4],
  [11, 5],
  [12, 7],
  [13, 5],
  [14, 4],
  [15, 4],
  [16, 5],
  [17, 6],
  [18, 8],
  [19, 10],
  [20, 11],
  [21, 9],
  [22, 5],
  [23, 2],
];

/**
 * `count` submission times between `from` and `to`, ascending. Most arrive in the first days after the launch
 * (the letter or the kommun's post), a smaller bump follows a reminder halfway, the rest trickle in.
 * Hours of day count from `from`'s time of day, so pass local midnight of the opening day for local hours.
 */
export function generateSubmittedDates({
  rng,
  count,
  from,
  to,
}: {
  rng: Rng;
  count: number;
  from: Date;
  to: Date;
}): Date[] {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) throw new Error("`to` must be after `from`.");
  const days = (end - start) / DAY;
  const reminder = days >= 7 ? days / 2 : null;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let time: number | null = null;
    for (let attempt = 0; attempt < 5 && time === null; attempt++) {
      const mode = rng();
      // Exponential decay from the launch (mean 1.5 days), from the reminder (mean 1 day), or uniform.
      const offsetDays =
        mode < 0.55
          ? -1.5 * Math.log(1 - rng())
          : mode < 0.7 && reminder !== null
            ? reminder - Math.log(1 - rng())
            : rng() * days;
      const hour = pickWeighted(rng, HOUR_WEIGHTS);
      const candidate = start + Math.floor(offsetDays) * DAY + hour * HOUR + Math.floor(rng() * HOUR);
      if (candidate >= start && candidate <= end) time = candidate;
    }
    out.push(time ?? start + Math.floor(rng() * (end - start)));
  }
  return out.sort((a, b) => a - b).map((t) => new Date(t));
}

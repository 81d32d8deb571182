// Survey open and close dates are days in Europe/Stockholm, whatever the server's or the browser's time zone.
//
// A survey that "opens 2030-01-01" accepts answers from 00:00 Stockholm time that day; one that "closes
// 2030-06-30" accepts them through the whole of that day, Stockholm time, and is closed from 00:00 on 2030-07-01.
// The database keeps instants (timestamptz): `opens_at` is the start of the opening day, `closes_at` the start of
// the day after the closing day (exclusive), so both follow summer time. Shown back, a close instant is read as
// the day three hours before it, so a day saved comes back as the same day however often it is saved; that also
// reads right the close times stored before this rule (23:59:59 at a fixed +01:00, in summer 00:59:59 the next day).

export const SURVEY_TIME_ZONE = "Europe/Stockholm";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: SURVEY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: SURVEY_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day (YYYY-MM-DD) an instant falls on in Stockholm. */
export function stockholmDay(instant: Date): string {
  return dayFormat.format(instant);
}

/** How far Stockholm's wall clock is ahead of UTC at an instant, in milliseconds (1 h in winter, 2 h in summer). */
function offsetAt(instant: Date): number {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a Stockholm day (YYYY-MM-DD) begins; null for anything that is not a real date. */
export function stockholmDayStart(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== day) return null;
  // Midnight is never inside a summer-time jump in Stockholm (they happen at 02:00 and 03:00), so two rounds settle.
  let t = utc - offsetAt(new Date(utc));
  t = utc - offsetAt(new Date(t));
  return new Date(t);
}

/** The instant a survey that closes on this Stockholm day stops taking answers: the start of the next day. */
export function stockholmDayEnd(day: string): Date | null {
  const start = stockholmDayStart(day);
  if (!start) return null;
  const next = new Date(start.getTime() + 36 * 3600_000); // always inside the next day, summer time or not
  return stockholmDayStart(stockholmDay(next));
}

/** The days an analyst sees for a survey's stored open and close instants ("" when not set). */
export function scheduleDays(s: { opens_at: Date | string | null; closes_at: Date | string | null }) {
  return {
    opensOn: s.opens_at ? stockholmDay(new Date(s.opens_at)) : "",
    closesOn: s.closes_at ? stockholmDay(new Date(new Date(s.closes_at).getTime() - 3 * 3600_000)) : "",
  };
}

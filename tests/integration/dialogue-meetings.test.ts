// Meetings (medborgardialog, trygghetsvandring, BRÅ) and theme scores on a real database: meetings scoped by kommun,
// walk findings followed up, meeting theme scores weighted by participants, and staff theme scores suppressed
// below 5 respondents.
import { describe, expect, it } from "vitest";
import { rowThemes } from "../../app/features/surveys/domain/question-bank";
import { THEME_KEYS } from "../../app/features/surveys/domain/themes";
import { createInvitations } from "../../app/features/surveys/invitations.server";
import { staffThemeScores } from "../../app/features/results/staff.server";
import * as meetings from "../../app/features/dialogue/index.server";
import { testEngine } from "../support/test-db";
import { published } from "../support/published";

type Data = Record<string, unknown>;
import { kommunId, otherKommunId, db, staffSurvey, send, setUpDialogueFixture } from "../support/dialogue-fixture";

setUpDialogueFixture();

describe(`meetings and theme scores on ${testEngine()}`, () => {
  const base = { place: "Centrum", notes: "", themes: [] as meetings.MeetingInput["themes"] };
  let walkId: number;

  it("records, lists, edits and deletes meetings, scoped by kommun", async () => {
    walkId = await meetings.createMeeting({
      db: db(),
      kommunId,
      accountId: null,
      input: {
        ...base,
        kind: "trygghetsvandring",
        heldOn: "2026-03-10",
        participants: { boende: 12, polis: 2 },
        themes: [{ theme: "physical_environment", raisedBy: 9, votes: null }],
      },
    });
    await meetings.createMeeting({
      db: db(),
      kommunId,
      accountId: null,
      input: {
        ...base,
        kind: "bra_mote",
        heldOn: "2026-04-02",
        participants: { kommun: 5, polis: 3 },
        themes: [
          { theme: "drugs_andt", raisedBy: 4, votes: 6 },
          { theme: "youth", raisedBy: 2, votes: null },
        ],
      },
    });
    const gone = await meetings.createMeeting({
      db: db(),
      kommunId,
      accountId: null,
      input: { ...base, kind: "annat", heldOn: "2026-01-01", participants: {} },
    });
    await meetings.createMeeting({
      db: db(),
      kommunId: otherKommunId,
      accountId: null,
      input: {
        ...base,
        kind: "skolbesok",
        heldOn: "2026-02-01",
        participants: { ungdom: 30 },
        themes: [{ theme: "youth", raisedBy: 30, votes: null }],
      },
    });
    await expect(meetings.getMeeting({ db: db(), kommunId: otherKommunId, meetingId: walkId })).rejects.toThrow(
      /finns inte/,
    );
    await expect(meetings.deleteMeeting({ db: db(), kommunId: otherKommunId, meetingId: walkId })).rejects.toThrow(
      /finns inte/,
    );
    await meetings.deleteMeeting({ db: db(), kommunId, meetingId: gone });
    const list = await meetings.listMeetings({ db: db(), kommunId });
    expect(list.map((m) => [m.kind, m.heldOn, m.participants])).toEqual([
      ["bra_mote", "2026-04-02", 8],
      ["trygghetsvandring", "2026-03-10", 14],
    ]);
    await meetings.updateMeeting({
      db: db(),
      kommunId,
      meetingId: walkId,
      input: {
        ...base,
        kind: "trygghetsvandring",
        heldOn: "2026-03-10",
        place: "Stationen",
        participants: { boende: 10, polis: 2 },
        themes: [
          { theme: "physical_environment", raisedBy: 9, votes: null },
          { theme: "drugs_andt", raisedBy: 1, votes: null },
        ],
      },
    });
    expect(await meetings.getMeeting({ db: db(), kommunId, meetingId: walkId })).toMatchObject({
      place: "Stationen",
      participants: { boende: 10, polis: 2 },
    });
    await expect(
      meetings.createMeeting({
        db: db(),
        kommunId,
        accountId: null,
        input: { ...base, kind: "annat", heldOn: "igår", participants: { boende: -1 } },
      }),
    ).rejects.toThrow();
    // A participant category outside the list (the English ones before migration 2026_12_07_170000) is refused.
    await expect(
      meetings.createMeeting({
        db: db(),
        kommunId,
        accountId: null,
        input: { ...base, kind: "annat", heldOn: "2026-01-01", participants: { police: 2 } },
      }),
    ).rejects.toMatchObject({ status: 422, errors: [{ field: "participants-police" }] });
  });

  it("follows walk findings up: open, fixed, won't fix", async () => {
    const id = await meetings.addFinding({
      db: db(),
      kommunId,
      meetingId: walkId,
      input: {
        place: "Gångtunneln",
        problems: ["poor_lighting", "blocked_view"],
        description: "Mörkt",
        proposedFix: "Ny belysning",
      },
    });
    await meetings.setFindingStatus({ db: db(), kommunId, findingId: id, status: "fixed" });
    await expect(
      meetings.setFindingStatus({ db: db(), kommunId: otherKommunId, findingId: id, status: "open" }),
    ).rejects.toThrow(/finns inte/);
    const m = await meetings.getMeeting({ db: db(), kommunId, meetingId: walkId });
    expect(m.findings).toEqual([
      {
        id,
        place: "Gångtunneln",
        problems: ["poor_lighting", "blocked_view"],
        description: "Mörkt",
        proposedFix: "Ny belysning",
        status: "fixed",
        zoneName: null,
      },
    ]);
  });

  it("meeting theme scores: the share of meetings weighted by participants, with the evidence", async () => {
    const scores = await meetings.meetingThemeScores({ db: db(), kommunId });
    // Recomputed by hand: the walk (12 participants) raised physical_environment and drugs_andt, the BRÅ meeting (8)
    // raised drugs_andt and youth.
    const total = 12 + 8;
    const by = Object.fromEntries(scores.themes.map((t) => [t.theme, t]));
    expect(scores).toMatchObject({ meetings: 2, participants: total });
    expect(by.drugs_andt).toMatchObject({ meetings: 2, participants: 20, share: 1 });
    expect(by.physical_environment).toMatchObject({ meetings: 1, participants: 12, share: 12 / total });
    expect(by.youth).toMatchObject({ meetings: 1, participants: 8, share: 8 / total });
    expect(by.traffic_safety).toMatchObject({ meetings: 0, share: 0, evidence: [] });
    expect(by.drugs_andt!.evidence.map((e) => [e.kind, e.heldOn, e.votes])).toEqual([
      ["trygghetsvandring", "2026-03-10", null],
      ["bra_mote", "2026-04-02", 6],
    ]);
    const april = await meetings.meetingThemeScores({ db: db(), kommunId, from: "2026-04-01", to: "2026-04-30" });
    expect(april.meetings).toBe(1);
    expect(april.themes.find((t) => t.theme === "youth")!.share).toBe(1);
    expect((await meetings.meetingThemeScores({ db: db(), kommunId, to: "2025-12-31" })).themes).toEqual([]);
  });

  it("staff theme scores are computed from the stored answers and suppressed below 5 respondents", async () => {
    const { id: surveyId } = await staffSurvey("2028");
    const made = await createInvitations({ db: db(), surveyId, perUnit: { social: 6 } });
    const levels = ["4", "3", "2", "1", "dont_know"];
    const priorities = [
      ["drugs_andt", "youth"],
      ["youth"],
      ["drugs_andt"],
      ["traffic_safety", "youth"],
      [],
      ["youth", "cooperation"],
    ];
    const given: Record<string, unknown>[] = [];
    for (const [i, link] of made.entries()) {
      const data = {
        unit: "social",
        staff_problems: { drug_dealing: levels[i % 5]!, speeding: levels[(i + 2) % 5]! },
        ...(priorities[i]!.length ? { staff_priorities: priorities[i] } : {}),
      };
      if (i === 4) {
        const early = await staffThemeScores({ db: db(), surveyId });
        expect(early).toMatchObject({ suppressed: true, respondents: null });
        expect(early.themes.every((t) => t.score === null && t.priorityShare === null && t.problemShare === null)).toBe(
          true,
        );
      }
      expect((await send(link.token, data)).status).toBe(201);
      given.push(data);
    }
    const scores = await staffThemeScores({ db: db(), surveyId });
    // Every figure is the published count of its own set of the stored answers (tests/support/published.ts).
    const stored = await db()
      .selectFrom("response")
      .select(["data", "cell_key"])
      .where("survey_id", "=", surveyId)
      .execute();
    expect(stored).toHaveLength(given.length);
    expect(scores).toMatchObject({ suppressed: false, respondents: published(stored) });
    const answeredPriorities = stored.filter((g) => Array.isArray(g.data.staff_priorities));
    const share = (theme: string) =>
      published(answeredPriorities.filter((g) => (g.data.staff_priorities as string[]).includes(theme))) /
      published(answeredPriorities);
    const problem = (row: string) => {
      const level = (v: string) => published(stored.filter((g) => (g.data.staff_problems as Data)[row] === v));
      return (level("4") + level("3")) / (level("4") + level("3") + level("2") + level("1"));
    };
    const by = Object.fromEntries(scores.themes.map((t) => [t.theme, t]));
    expect(by.youth!.priorityShare).toBeCloseTo(share("youth"));
    expect(by.drugs_andt!.priorityShare).toBeCloseTo(share("drugs_andt"));
    // drug_dealing has 5 answers besides "Vet ej": shown; the other drugs_andt rows were not answered.
    expect(by.drugs_andt!.problemShare).toBeCloseTo(problem("drug_dealing"));
    expect(by.drugs_andt!.problemItem).toBe("staff_problems.drug_dealing");
    expect(by.drugs_andt!.score).toBeCloseTo((share("drugs_andt") + problem("drug_dealing")) / 2);
    expect(rowThemes.speeding).toContain("traffic_safety");
    expect(by.traffic_safety!.problemShare).toBeCloseTo(problem("speeding"));
    expect(scores.themes.map((t) => t.theme)).toEqual([...THEME_KEYS]);
    // Another survey's or unit's answers are not counted: a unit with no answers is suppressed.
    expect((await staffThemeScores({ db: db(), surveyId, unit: "school" })).suppressed).toBe(true);
  });
});

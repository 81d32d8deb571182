import fs from "node:fs";
import path from "node:path";
import { expect, expectAccessible, login, test } from "./fixtures";
import { MAIL_DIR } from "../../playwright.config";

// A resident subscribes to a kommun's updates by e-mail, confirms by the mailed link, gets the next update an
// editor makes public, and unsubscribes (docs/domain/feedback-to-citizens.md). The app sends through a local SMTP
// server (scripts/mail-sink.mjs, started by playwright.config.ts) that writes each mail to MAIL_DIR.

/** A mail's headers and its text as a reader sees it (quoted-printable undone, UTF-8). */
function readMail(file: string) {
  const raw = fs.readFileSync(file, "latin1");
  const [head, ...rest] = raw.split("\r\n\r\n");
  const body = rest.join("\r\n\r\n");
  const text = /quoted-printable/i.test(head!)
    ? Buffer.from(
        body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      ).toString("utf8")
    : body;
  return { headers: head!.replace(/\r\n\s+/g, " "), text };
}

/** The first mail to `to` whose text matches, waiting for the outbox (it runs every second here). */
async function mailTo(to: string, matching: RegExp) {
  let found: ReturnType<typeof readMail> | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).sort() : [];
        found = files
          .map((f) => readMail(path.join(MAIL_DIR, f)))
          .find((m) => m.headers.includes(`To: ${to}`) && matching.test(m.text));
        return !!found;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** The path of the app link in a mail (the mail names the configured public address, not the test's). */
const linkPath = (text: string, pattern: RegExp) =>
  new URL(pattern.exec(text)![0]).pathname + new URL(pattern.exec(text)![0]).search;

test("a resident subscribes, confirms by mail, gets the next update and unsubscribes", async ({ page, browser }) => {
  const email = `invanare-${Date.now()}@example.se`;
  await page.goto("/lofte/kalix");
  await page.getByRole("link", { name: "Få uppdateringar via e-post" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Få uppdateringar via e-post" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Din e-postadress").fill("inte en adress");
  await page.getByRole("button", { name: "Prenumerera" }).click();
  await expect(page.getByRole("alert")).toContainText("Skriv en e-postadress");
  await page.getByLabel("Din e-postadress").fill(email);
  await page.getByRole("button", { name: "Prenumerera" }).click();
  await expect(page.getByRole("status")).toContainText("Klicka på länken för att bekräfta");

  const confirmMail = await mailTo(email, /Bekräfta här/);
  await page.goto(linkPath(confirmMail.text, /https?:\/\/\S+\/prenumeration\?token=[\w-]+/));
  await expect(page.getByText("Prenumerationen är inte bekräftad ännu.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Bekräfta prenumerationen" }).click();
  await expect(page.getByText("Prenumerationen är bekräftad.")).toBeVisible();

  // An editor tells residents what was done.
  const staff = await browser.newContext();
  const editor = await staff.newPage();
  await login(editor, "redaktor@kalix.example");
  await page.goto("/lofte/kalix");
  // The document in force: the first one listed under "Gäller nu".
  const docPath = await page.getByRole("main").getByRole("listitem").getByRole("link").first().getAttribute("href");
  const docId = docPath!.split("/").pop();
  await editor.goto(`/app/kalix/loften/${docId}/uppfoljning`);
  await editor.getByLabel("Visa för invånare på den publika löftessidan och i flödet").check();
  const said = `Vi lagade gatubelysningen vid skolan (${email.slice(9, 22)}).`;
  await editor.getByLabel("Text för invånare").fill(said);
  await editor.getByRole("button", { name: "Spara uppföljningen" }).click();
  await expect(editor.getByRole("status")).toBeVisible();
  await staff.close();

  const updateMail = await mailTo(email, new RegExp(said.replace(/[()]/g, "\\$&")));
  expect(updateMail.headers).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  // The update is on the public page too.
  await page.goto(`/lofte/kalix/${docId}`);
  await expect(page.getByRole("region", { name: "Det här har vi gjort" }).getByText(said)).toBeVisible();

  // The mail's unsubscribe link opened in a browser leads to a button; it ends the subscription.
  await page.goto(linkPath(updateMail.text, /https?:\/\/\S+\/avsluta\?token=[\w-]+/));
  await page.getByRole("button", { name: "Avsluta prenumerationen" }).click();
  await expect(page.getByRole("status")).toContainText("Prenumerationen är avslutad");
  await expectAccessible(page);
});

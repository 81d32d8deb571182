/**
 * Sending mail over SMTP with nodemailer. A failure says whether trying again can help: an SMTP 5xx answer (the
 * address does not exist, the mailbox refuses) is permanent, anything else (4xx, a connection that fails) is not.
 */
import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  send(mail: Mail): Promise<void>;
  close(): void;
}

export class MailFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** A transport to the SMTP server at `url` (smtp:// or smtps://), sending as `from`. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url, { from });
  return {
    async send(mail) {
      try {
        await transporter.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers });
      } catch (err) {
        // Only the codes: the server's text may quote the address, which must reach no log or table.
        const { responseCode, code } = err as { responseCode?: number; code?: string };
        throw new MailFailure(
          responseCode ? `SMTP ${responseCode}` : String(code ?? "send failed"),
          typeof responseCode === "number" && responseCode >= 500 && responseCode < 600,
        );
      }
    },
    close: () => transporter.close(),
  };
}

/** One outgoing message, already built as raw MIME (built once: the same bytes go to SES and the outbox). */
export interface OutgoingMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Uint8Array;
  /** The Message-ID we put in the header (SES replaces it; the id SES returns is the one replies cite). */
  readonly messageId: string;
}

export interface SentMail {
  /** The Message-ID the recipient sees, without angle brackets (SES's own for SES). */
  readonly messageId: string;
}

/** Sends raw MIME: SES in AWS, `.eml` files in the outbox folder locally. */
export interface Mailer {
  /**
   * Sends or throws. Throws MailRejectedError when sending again cannot help (rejected message,
   * unverified identity); any other error is transient (throttling, outage) and worth a retry.
   */
  send(mail: OutgoingMail): Promise<SentMail>;
}

export class MailRejectedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'MailRejectedError';
  }
}

/** What the notify use case asks the MIME builder for. */
export interface MailToCompose {
  readonly from: string;
  readonly to: readonly string[];
  /** Where replies go: a claim's reply address on mail to its customer. */
  readonly replyTo?: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
  readonly date: Date;
  /** Extra headers, e.g. Auto-Submitted. */
  readonly headers: Readonly<Record<string, string>>;
}

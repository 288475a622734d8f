/** One text message to one phone, already rendered (short: one segment where possible). */
export interface OutgoingText {
  /** The destination in E.164 (`+8613800138000`): see `toE164` in shared/domain/phone.ts. */
  readonly to: string;
  readonly text: string;
  /** The same key for every attempt of one message (the notification's id), so a retry is recognisable. */
  readonly idempotencyKey: string;
}

export interface SentText {
  /** The provider's id of the message (End User Messaging's MessageId; the file name locally). */
  readonly messageId: string;
}

/** Sends SMS: AWS End User Messaging SMS in the cloud, files in the outbox folder locally. */
export interface TextMessages {
  /**
   * Sends or throws. Throws TextRejectedError when sending again cannot help (invalid or opted-out
   * number, unknown origination identity); any other error is transient and worth a retry.
   */
  send(message: OutgoingText): Promise<SentText>;
}

/** The rejection code of a deployment without an SMS sender: the channel is off, not failing. */
export const SMS_NOT_CONFIGURED = 'SmsNotConfigured';

export class TextRejectedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'TextRejectedError';
  }
}

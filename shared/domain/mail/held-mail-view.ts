/** What the held-mail routes answer and the console reads (one type for both sides). */

/** One held message as staff read it: who sent it, what it is about, and why it was held, in words. */
export interface HeldMailRow {
  readonly sha256: string;
  readonly from: string | null;
  readonly subject: string | null;
  readonly receivedAt: string;
  readonly reasons: readonly { readonly code: string; readonly words: string }[];
  /** The rules' explanation (which claim it named and why it was not added), in the reader's language. */
  readonly note: string | null;
  /** The claim the message named or answered, when the reader may see it. */
  readonly claimNumber: string | null;
  /** Unreadable mail can only be dismissed. */
  readonly readable: boolean;
}

export interface HeldMailDetail extends HeldMailRow {
  /** The message's text (the first 20,000 characters), shown as text, never as HTML. */
  readonly text: string | null;
  readonly attachments: readonly {
    readonly name: string;
    readonly contentType: string;
    readonly size: number;
  }[];
}

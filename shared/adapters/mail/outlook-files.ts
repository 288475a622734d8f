/**
 * Which attachments are Outlook containers. Apart from ./outlook.ts (which opens them) so that
 * parse-mail can tell without loading the readers.
 */

/** A file of a message as the parser hands it on: mailparser's attachments have these fields too. */
export interface MailFile {
  readonly filename?: string | undefined;
  readonly contentType: string;
  readonly content: Buffer;
}

/** Outlook's TNEF container (winmail.dat): by type, or by its usual name when sent as octet-stream. */
export function isTnef(file: MailFile): boolean {
  const type = file.contentType.toLowerCase();
  return (
    type === 'application/ms-tnef' ||
    type === 'application/vnd.ms-tnef' ||
    (file.filename ?? '').toLowerCase() === 'winmail.dat'
  );
}

/** An Outlook message saved as a file (.msg, a compound file). */
export function isMsg(file: MailFile): boolean {
  return (
    file.contentType.toLowerCase() === 'application/vnd.ms-outlook' ||
    (file.filename ?? '').toLowerCase().endsWith('.msg')
  );
}

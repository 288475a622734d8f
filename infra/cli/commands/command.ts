/** One operator command: `npm run claims -- <name> …`. Progress goes to stderr, the result to stdout. */
export interface Command {
  readonly name: string;
  /** Usage text, first line `name   what it does`, options indented below. */
  readonly usage: string;
  run(args: string[]): Promise<void>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

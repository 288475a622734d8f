/**
 * The operator CLI: `npm run claims -- <command>`. Commands print progress to stderr and their result
 * to stdout, so scripts can take the last line. Each command lives in commands/ and is listed here.
 */
import { UsageError, type Command } from './commands/command.js';
import { closeQuietCommand } from './commands/close-quiet.js';
import { tokenCommand } from './commands/token.js';
import { sweepCommand } from './commands/sweep.js';
import { calendarCommand } from './commands/calendar.js';
import { reportCommand } from './commands/report.js';
import { verifyAuditCommand } from './commands/verify-audit.js';

const COMMANDS: readonly Command[] = [
  tokenCommand,
  sweepCommand,
  calendarCommand,
  reportCommand,
  closeQuietCommand,
  verifyAuditCommand,
];

function usage(): string {
  return `usage: npm run claims -- <command> [options]\n\ncommands:\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}\n`;
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(name === undefined ? 'no command given' : `unknown command ${name}`);
  await command.run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const parseError =
    error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || parseError) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage()}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

/**
 * The operator CLI: `npm run claims -- <command>`. Commands print progress to stderr and their result
 * to stdout, so scripts can take the last line.
 */
import { parseArgs } from 'node:util';
import { LOCAL_KEYS_FILE } from '../local/paths.js';
import { TokenRequestSchema, issueLocalToken, loadLocalKeys } from '../local/local-auth.js';

const USAGE = `usage: npm run claims -- <command> [options]

commands:
  token   issue a local staff token (for the local stack's /staff/ API)
          --role <agent|manager|executive|legal|finance|admin>  (repeatable; default agent)
          --unit <unit id>            organisation unit (default HQ)
          --sub <id>                  the staff member's id (default local-<role>-<unit>)
          --name <name>               display name
          --limit-yuan <n>            approval limit in CNY (default 0)
          --ttl-hours <n>             validity (default 12)
`;

async function token(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string', multiple: true },
      unit: { type: 'string', default: 'HQ' },
      sub: { type: 'string' },
      name: { type: 'string' },
      'limit-yuan': { type: 'string', default: '0' },
      'ttl-hours': { type: 'string', default: '12' },
    },
  });
  const roles = values.role ?? ['agent'];
  const request = TokenRequestSchema.safeParse({
    role: roles,
    unit: values.unit,
    sub: values.sub ?? `local-${roles.join('-')}-${values.unit}`.toLowerCase(),
    name: values.name,
    approvalLimitFen: Math.round(Number(values['limit-yuan']) * 100),
    ttlSeconds: Math.round(Number(values['ttl-hours']) * 3600),
  });
  if (!request.success) {
    throw new UsageError(request.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
  }
  const keys = await loadLocalKeys(LOCAL_KEYS_FILE);
  const jwt = await issueLocalToken(keys, request.data);
  console.error(
    `Staff token for ${request.data.sub} (${roles.join(', ')} @ ${request.data.unit}), valid ${values['ttl-hours']} h:`,
  );
  console.log(jwt);
}

class UsageError extends Error {}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { token };

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) throw new UsageError(command === undefined ? 'no command given' : `unknown command ${command}`);
  await run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

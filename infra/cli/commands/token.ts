import { parseArgs } from 'node:util';
import { LOCAL_KEYS_FILE } from '../../local/paths.js';
import { TokenRequestSchema, issueLocalToken, loadLocalKeys } from '../../local/local-auth.js';
import { UsageError, type Command } from './command.js';

/** `token`: a local staff token for the local stack's /staff/ API, printed alone on the last line. */
export const tokenCommand: Command = {
  name: 'token',
  usage: `token   issue a local staff token (for the local stack's /staff/ API)
          --role <agent|manager|executive|legal|finance|admin>  (repeatable; default agent)
          --unit <unit id>            organisation unit (default HQ)
          --sub <id>                  the staff member's id (default local-<role>-<unit>)
          --name <name>               display name
          --limit-yuan <n>            approval limit in CNY (default 0)
          --ttl-hours <n>             validity (default 12)`,
  run: token,
};

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

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { auditIntegrityWords } from '../../../shared/domain/audit-integrity-words.js';
import { verifyClaimAudit } from '../../../shared/domain/use-cases/verify-audit.js';
import { buildDependencies } from '../../../shared/runtime/composition.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { UsageError, type Command } from './command.js';
import { useLocalStackUnlessConfigured } from './environment.js';

const ArgsSchema = z.object({
  number: z.string().regex(/^CLM-\d{4}-\d{6,}$/i, 'a claim number such as CLM-2026-000123'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

const NO_SUCH_CLAIM = { 'zh-CN': '没有编号为 {number} 的索赔', en: 'No claim numbered {number}' } as const;

/**
 * `verify-audit <number>`: whether the claim's audit trail still holds its hash chain (issue 21), in words
 * on the last line. Exit code 0 when it holds, 1 when it is broken (or there is no such claim), so a
 * script can act on it.
 */
export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  usage: `verify-audit <number>   check a claim's audit trail against its hash chain
          --lang <zh-CN|en>           the language of the answer (default zh-CN)`,
  run: verifyAudit,
};

async function verifyAudit(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { lang: { type: 'string' } },
    allowPositionals: true,
  });
  const parsed = ArgsSchema.safeParse({ number: positionals[0], lang: values.lang });
  if (!parsed.success || positionals.length !== 1) {
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new UsageError(['verify-audit takes one claim number', ...issues].join('\n'));
  }
  const { number, lang } = parsed.data;
  useLocalStackUnlessConfigured();
  const deps = buildDependencies(loadConfig());
  const result = await verifyClaimAudit(deps.store, number);
  if (result === null) {
    console.log(NO_SUCH_CLAIM[lang].replace('{number}', number.toUpperCase()));
    process.exitCode = 1;
    return;
  }
  if (!result.integrity.intact) {
    const { brokenAt } = result.integrity;
    console.error(`${result.claim.number}: expected ${brokenAt.expected}, found ${brokenAt.found}`);
    process.exitCode = 1;
  }
  console.log(`${result.claim.number}: ${auditIntegrityWords(result.integrity, result.events, lang)}`);
}

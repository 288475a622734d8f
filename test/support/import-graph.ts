import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * Repository files a source reaches through relative imports, static or awaited (`.js` specifiers name
 * `.ts` sources): what a bundle of it may contain, for tests that keep a module out of a cold start.
 */
export function reachable(file: string, seen = new Set<string>()): Set<string> {
  const source = readFileSync(file, 'utf8');
  for (const [, spec = ''] of source.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
    const target = normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts');
    if (seen.has(target)) continue;
    seen.add(target);
    reachable(target, seen);
  }
  return seen;
}

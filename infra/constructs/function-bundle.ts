/**
 * How every function's code is built: the one definition the CDK construct bundles with (local
 * bundling, no Docker) and the cold-start benchmark measures.
 *
 * Why not NodejsFunction's bundling: it runs esbuild with one output file, so a `await import()` of a
 * rarely used part (the S3 client behind the API's file routes, the Secrets Manager client of a
 * webhook gateway) still lands in the one file every cold start reads and compiles. Here esbuild
 * splits those into chunks of their own, read only when a request needs them.
 */
import { join, relative } from 'node:path';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';

/** The Lambda handler string for the entry this bundler writes (`index.mjs`, export `handler`). */
export const BUNDLE_HANDLER = 'index.handler';

/**
 * esbuild settings. Whitespace and syntax are minified but names are kept: stack traces in the logs
 * name their functions without `--enable-source-maps`, whose map parsing costs every cold start more
 * than the whole minified size saves (measured: +15 ms on the payout worker). The maps still ship
 * beside the code, without our sources, for reading a stack offline.
 */
export const FUNCTION_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  splitting: true,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
  mainFields: ['module', 'main'],
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // ESM output still meets CommonJS dependencies that call require(); give them one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
} as const satisfies BuildOptions;

export interface FunctionBundle {
  readonly metafile: Metafile;
  /** Output files read at a cold start: the entry and the chunks it imports statically. */
  readonly loadedAtStart: readonly string[];
  /** Chunks read only when an `await import()` reaches them. */
  readonly loadedOnDemand: readonly string[];
}

/** Bundles one handler file into `outdir` (`index.mjs` plus its chunks); synchronous, for CDK's local bundling. */
export function bundleFunction(entry: string, outdir: string): FunctionBundle {
  const result = buildSync({
    ...FUNCTION_BUILD_OPTIONS,
    entryPoints: { index: entry },
    outdir,
    metafile: true,
  });
  // Metafile paths are relative to esbuild's working directory, the process's.
  const entryOutput = relative(process.cwd(), join(outdir, 'index.mjs'));
  return { metafile: result.metafile, ...splitByLoading(result.metafile, entryOutput) };
}

/** Which outputs the entry imports statically (transitively), and which only dynamically. */
function splitByLoading(
  metafile: Metafile,
  entry: string,
): Pick<FunctionBundle, 'loadedAtStart' | 'loadedOnDemand'> {
  const outputs = metafile.outputs;
  if (!(entry in outputs)) throw new Error(`esbuild wrote no ${entry}`);
  const atStart = new Set<string>();
  const visit = (path: string): void => {
    if (atStart.has(path)) return;
    atStart.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement' && imported.path in outputs) visit(imported.path);
  };
  visit(entry);
  const code = Object.keys(outputs).filter((path) => path.endsWith('.mjs'));
  return {
    loadedAtStart: code.filter((path) => atStart.has(path)),
    loadedOnDemand: code.filter((path) => !atStart.has(path)),
  };
}

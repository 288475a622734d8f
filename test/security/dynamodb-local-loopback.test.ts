import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

/** Resolves true when something accepts a TCP connection at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
  });
}

/**
 * Issue 22, break 6: DynamoDB Local (no authentication) listened on every interface. The run's own
 * instance (test/support/global-setup.ts, started like `npm start`'s) answers on loopback and on no
 * other address of this machine.
 */
describe('DynamoDB Local listens on loopback only', () => {
  it('accepts on 127.0.0.1 and refuses on every other local address', async () => {
    const port = Number(new URL(inject('dynamoEndpoint')).port);
    expect(await accepts('127.0.0.1', port)).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .flatMap((a) => (a && a.family === 'IPv4' && !a.internal ? [a.address] : []));
    // A machine without a non-loopback address cannot show the difference; CI and developer machines have one.
    expect(others.length).toBeGreaterThan(0);
    for (const address of others) expect(await accepts(address, port)).toBe(false);
  });
});

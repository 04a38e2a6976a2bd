import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PodError } from '../../src-main/pod/errors';
import { createPodClient, type PodConfig } from '../../src-main/pod/http';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * The connection errors a Pod admin meets before any API call (issue #11 §1, §5): a self-signed
 * certificate (refused unless POD_TLS_VERIFY is off, for a test Pod), a Pod that never answers.
 * Real TLS with a certificate made by openssl, on loopback.
 */

let certDir: string;
let key: Buffer;
let cert: Buffer;
const servers: Server[] = [];

beforeAll(() => {
  certDir = makeTempDir();
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(certDir, 'key.pem'),
      '-out',
      join(certDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  key = readFileSync(join(certDir, 'key.pem'));
  cert = readFileSync(join(certDir, 'cert.pem'));
});
afterAll(() => removeTempDir(certDir));
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

const listen = async (server: Server, scheme: 'http' | 'https') => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
};
const config = (url: string, extra: Partial<PodConfig> = {}): PodConfig => ({
  url,
  token: 'a'.repeat(40),
  tlsVerify: true,
  timeoutMs: 5_000,
  language: 'fr',
  ...extra,
});
const failure = async (run: () => Promise<unknown>): Promise<PodError> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof PodError) return error;
    throw error;
  }
  throw new Error('expected a PodError');
};

describe('TLS', () => {
  it('refuses a self-signed Pod, saying how to trust it or turn the check off', async () => {
    const url = await listen(
      createHttpsServer({ key, cert }, (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end('{"users":"x"}');
      }),
      'https',
    );
    const strict = createPodClient(config(url));
    const error = await failure(() => strict.get('/rest/'));
    await strict.close();
    expect(error.failure).toBe('tls');
    expect(error.text.en).toContain('TLS certificate is not trusted');
    expect(error.text.en).toContain('POD_TLS_VERIFY');
    expect(error.text.fr).toContain('certificat TLS');

    const lax = createPodClient(config(url, { tlsVerify: false }));
    expect(await lax.get('/rest/')).toEqual({ users: 'x' });
    await lax.close();
  });
});

describe('silence', () => {
  it('gives up after POD_TIMEOUT_SECONDS on a Pod that never answers', async () => {
    const url = await listen(
      createHttpServer(() => {
        // never answers
      }),
      'http',
    );
    const client = createPodClient(config(url, { timeoutMs: 300 }));
    const error = await failure(() => client.get('/rest/users/'));
    await client.close();
    expect(error.failure).toBe('timeout');
    expect(error.text.en).toMatch(/GET \/rest\/users\/: no answer within POD_TIMEOUT_SECONDS/);
  });

  it('never puts the token in an error', async () => {
    const url = await listen(
      createHttpServer((_req, res) => {
        res.statusCode = 502;
        res.end('<html>Bad Gateway</html>');
      }),
      'http',
    );
    const client = createPodClient(config(url));
    const error = await failure(() => client.get('/rest/'));
    await client.close();
    expect(error.failure).toBe('server');
    expect(
      JSON.stringify({ text: error.text, detail: error.detail, m: error.message }),
    ).not.toContain('a'.repeat(40));
  });
});

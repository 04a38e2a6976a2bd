import SftpClient from 'ssh2-sftp-client';
import { bi, RegieError } from '../../core/errors';
import type { SftpSourceConfig } from './types';

/** Secrets shorter than this are not searched for: every "a" in a message would become "***". */
const SHORTEST_REDACTED = 4;

/** Removes the password and every line of the private key from a message. */
export function redact(message: string, config: Pick<SftpSourceConfig, 'password' | 'privateKey'>) {
  const secrets = [
    config.password ?? '',
    ...(config.privateKey ?? '').split(/\r?\n/).map((line) => line.trim()),
  ].filter((secret) => secret.length >= SHORTEST_REDACTED && !secret.startsWith('-----'));
  return secrets.reduce((text, secret) => text.split(secret).join('***'), message);
}

/** The technical detail of any error, with the secrets taken out. */
export function errorDetail(error: unknown, config: SftpSourceConfig): string {
  if (error instanceof RegieError) return error.text.en;
  const message = error instanceof Error ? error.message : String(error);
  return redact(message, config);
}

export function unavailable(config: SftpSourceConfig, error: unknown): RegieError {
  if (error instanceof RegieError) return error;
  const where = `${config.username}@${config.host}:${String(config.port)}`;
  const detail = errorDetail(error, config);
  return new RegieError(
    'unavailable',
    bi(
      `SFTP source ${config.name} (${where}) unreachable: ${detail}`,
      `Source SFTP ${config.name} (${where}) injoignable : ${detail}`,
    ),
  );
}

export interface Connection {
  /** The open client, connecting first when there is none. Throws a RegieError 'unavailable'. */
  client(): Promise<SftpClient>;
  isConnected(): boolean;
  /** Ends the client, if any; the next client() connects again. */
  drop(): Promise<void>;
}

/**
 * One SFTP client at a time, connected lazily. When the server goes away (end, close or error
 * event outside a call we are waiting on), `onLost` is called once with the redacted reason.
 */
export function createConnection(
  config: SftpSourceConfig,
  options: { connectTimeoutMs: number; onLost: (error: string) => void },
): Connection {
  let current: { client: SftpClient; isOpen: boolean } | undefined;

  const lost = (entry: NonNullable<typeof current>, reason: unknown) => {
    if (!entry.isOpen) return;
    entry.isOpen = false;
    if (current === entry) current = undefined;
    options.onLost(errorDetail(reason, config));
  };

  const end = async (client: SftpClient) => {
    // end() waits for 'close'; a server that vanished without a FIN would keep us waiting.
    const gaveUp = new Promise((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([client.end().catch(() => false), gaveUp]);
  };

  return {
    isConnected: () => current?.isOpen === true,
    async client() {
      if (current?.isOpen) return current.client;
      const entry: { client: SftpClient; isOpen: boolean } = {
        // No-op global callbacks: the library's defaults print to the console.
        client: new SftpClient(`regie-sftp-${String(config.id)}`, {
          error: () => undefined,
          end: () => undefined,
          close: () => undefined,
        }),
        isOpen: false,
      };
      // Our listeners go straight on the ssh2 client: the library's own global callbacks are
      // skipped when the close happens during one of its calls (its temporary listeners mark the
      // event handled), and we must know about every loss.
      let reason: unknown = new Error('the connection closed');
      entry.client.on('error', (error: unknown) => {
        reason = error;
      });
      entry.client.on('end', () => lost(entry, reason));
      entry.client.on('close', () => lost(entry, reason));
      try {
        await entry.client.connect({
          host: config.host,
          port: config.port,
          username: config.username,
          ...(config.password ? { password: config.password } : {}),
          ...(config.privateKey ? { privateKey: config.privateKey } : {}),
          readyTimeout: options.connectTimeoutMs,
          // Notices a dead peer between polls instead of at the next call.
          keepaliveInterval: 10_000,
          keepaliveCountMax: 3,
        });
      } catch (error) {
        await end(entry.client);
        throw unavailable(config, error);
      }
      entry.isOpen = true;
      current = entry;
      return entry.client;
    },
    async drop() {
      const entry = current;
      current = undefined;
      if (!entry) return;
      entry.isOpen = false;
      await end(entry.client);
    },
  };
}

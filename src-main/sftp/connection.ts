import SftpClient from 'ssh2-sftp-client';
import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import type { SftpSourceConfig } from './types';

/** Secrets shorter than this are not searched for: every "a" in a message would become "***". */
const SHORTEST_REDACTED = 4;

/** Removes the password and every line of the private key from a message. */
export function redact(
  message: string,
  config: Pick<SftpSourceConfig, 'password' | 'privateKey'>,
): string {
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

const LOSS_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'ERR_NOT_CONNECTED', // ssh2-sftp-client: "No SFTP connection available"
]);

/**
 * Whether an operation failed because the connection went away. A socket error reaches the
 * failing call before the client's 'close' event does, so the call's error must say it.
 */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (error instanceof TimeoutError) return true;
  if (typeof code === 'string' && LOSS_CODES.has(code)) return true;
  return (
    typeof message === 'string' &&
    /No response from server|Unexpected (end|close) event|Channel not open/i.test(message)
  );
}

/** An SFTP server that stopped answering: a RegieError `remote`, its errno `ETIMEDOUT`. */
export class TimeoutError extends RegieError {
  readonly errno = 'ETIMEDOUT';

  constructor(text: Bilingual) {
    super('remote', text, { detail: `ETIMEDOUT: ${text.en}` });
    this.name = 'TimeoutError';
  }
}

export interface Connection {
  /**
   * Runs one operation on the client, connecting first when needed (a RegieError 'unavailable'
   * when that fails). The call fails as soon as the connection is lost or dropped, or after
   * `timeoutMs` without an answer (the connection is then dropped): ssh2 can leave a call
   * pending forever when the channel closes under it (readdir closes its handle on a dead
   * channel and waits for a reply that never comes).
   */
  run<T>(what: string, op: (client: SftpClient) => Promise<T>): Promise<T>;
  /**
   * For a long transfer that watches for stalls and the loss itself (an AbortSignal): no time
   * limit, and it is not abandoned while it is still writing; a connection-loss error it ends
   * with still marks the connection lost.
   */
  runLong<T>(op: (client: SftpClient) => Promise<T>): Promise<T>;
  isConnected(): boolean;
  /** Ends the client, if any, failing the calls still waiting on it; the next call reconnects. */
  drop(reason: string): Promise<void>;
}

interface Entry {
  client: SftpClient;
  isOpen: boolean;
  /** Set once the entry is closed: the client's end. */
  ending?: Promise<void>;
  /** Rejecters of the calls waiting on this client, so a loss fails them at once. */
  waiting: Set<(reason: Error) => void>;
}

/**
 * One SFTP client at a time, connected lazily. When the server goes away (end, close or error
 * event, or a call failing with a connection-loss error), `onLost` is called once with the
 * redacted reason.
 */
export function createConnection(
  config: SftpSourceConfig,
  options: {
    connectTimeoutMs: number;
    operationTimeoutMs: number;
    onConnected: () => void;
    onLost: (error: string) => void;
  },
): Connection {
  let current: Entry | undefined;
  let connecting: Promise<Entry> | undefined;

  const end = async (client: SftpClient) => {
    // end() waits for 'close'; a server that vanished without a FIN would keep us waiting.
    const gaveUp = new Promise((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([client.end().catch(() => false), gaveUp]);
  };

  const close = (entry: Entry, reason: Error) => {
    if (!entry.isOpen) return false;
    entry.isOpen = false;
    if (current === entry) current = undefined;
    for (const reject of entry.waiting) reject(reason);
    entry.waiting.clear();
    entry.ending = end(entry.client);
    return true;
  };

  const lost = (entry: Entry, reason: unknown) => {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    if (close(entry, error)) options.onLost(errorDetail(error, config));
  };

  const open = async (): Promise<Entry> => {
    const entry: Entry = {
      // No-op global callbacks: the library's defaults print to the console.
      client: new SftpClient(`regie-sftp-${String(config.id)}`, {
        error: () => undefined,
        end: () => undefined,
        close: () => undefined,
      }),
      isOpen: false,
      waiting: new Set(),
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
    let timer: NodeJS.Timeout | undefined;
    try {
      // readyTimeout covers the SSH handshake only; opening the SFTP channel gets the same time.
      const tooLong = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new TimeoutError(
                bi(
                  'no SFTP session after the connection timeout',
                  'pas de session SFTP dans le délai de connexion',
                ),
              ),
            ),
          options.connectTimeoutMs * 2,
        );
      });
      await Promise.race([
        entry.client.connect({
          host: config.host,
          port: config.port,
          username: config.username,
          ...(config.password ? { password: config.password } : {}),
          ...(config.privateKey ? { privateKey: config.privateKey } : {}),
          readyTimeout: options.connectTimeoutMs,
          // Notices a dead peer between polls instead of at the next call.
          keepaliveInterval: 10_000,
          keepaliveCountMax: 3,
        }),
        tooLong,
      ]);
    } catch (error) {
      await end(entry.client);
      throw unavailable(config, error);
    } finally {
      clearTimeout(timer);
    }
    entry.isOpen = true;
    current = entry;
    options.onConnected();
    return entry;
  };

  const entryNow = async (): Promise<Entry> => {
    if (current?.isOpen) return current;
    connecting ??= open().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const failWith = (entry: Entry, error: unknown): never => {
    if (entry.isOpen && isConnectionLoss(error)) lost(entry, error);
    throw error;
  };

  return {
    isConnected: () => current?.isOpen === true,
    async run(what, op) {
      const entry = await entryNow();
      let timer: NodeJS.Timeout | undefined;
      let reject: ((reason: Error) => void) | undefined;
      const abandoned = new Promise<never>((_, r) => {
        reject = r;
        entry.waiting.add(r);
        timer = setTimeout(() => {
          const seconds = String(options.operationTimeoutMs / 1000);
          lost(
            entry,
            new TimeoutError(
              bi(
                `no answer for ${seconds} s to ${what}`,
                `pas de réponse en ${seconds} s à ${what}`,
              ),
            ),
          );
        }, options.operationTimeoutMs);
      });
      try {
        return await Promise.race([op(entry.client), abandoned]);
      } catch (error) {
        return failWith(entry, error);
      } finally {
        clearTimeout(timer);
        if (reject) entry.waiting.delete(reject);
      }
    },
    async runLong(op) {
      const entry = await entryNow();
      try {
        return await op(entry.client);
      } catch (error) {
        return failWith(entry, error);
      }
    },
    async drop(reason) {
      const entry = current;
      if (!entry) return;
      close(entry, new Error(reason));
      await entry.ending;
    },
  };
}

/**
 * Why a BBB call failed. `api`: the server answered FAILED (`messageKey` says why, e.g.
 * `checksumError`, `notFound`, `unsupportedRequest`); `http`: a status other than 200; `network`:
 * no answer (refused, reset, DNS); `timeout`: no complete answer in time; `tooLarge`: the answer
 * passed the size bound; `garbage`: an answer that is not BBB's XML.
 */
export type BbbFailure = 'api' | 'http' | 'network' | 'timeout' | 'tooLarge' | 'garbage';

export class BbbError extends Error {
  readonly failure: BbbFailure;
  readonly call: string;
  readonly messageKey: string | null;
  readonly status: number | null;

  constructor(init: {
    failure: BbbFailure;
    call: string;
    message: string;
    messageKey?: string | null;
    status?: number | null;
    cause?: unknown;
  }) {
    super(`${init.call}: ${init.message}`, { cause: init.cause });
    this.name = 'BbbError';
    this.failure = init.failure;
    this.call = init.call;
    this.messageKey = init.messageKey ?? null;
    this.status = init.status ?? null;
  }

  static api(call: string, messageKey: string, message: string): BbbError {
    return new BbbError({
      failure: 'api',
      call,
      messageKey: messageKey || null,
      message: `${messageKey || 'FAILED'}${message ? ` (${message})` : ''}`,
    });
  }

  static garbage(call: string, detail: string): BbbError {
    return new BbbError({ failure: 'garbage', call, message: `unreadable answer: ${detail}` });
  }

  /** Worth another try: the server or the way to it, not the request. */
  get isTransient(): boolean {
    return (
      this.failure === 'network' ||
      this.failure === 'timeout' ||
      (this.failure === 'http' && (this.status ?? 0) >= 500)
    );
  }
}

import { Agent, request, type Dispatcher } from 'undici';
import { bi, RegieError } from '../../ground/errors';
import { noAnswerKind } from '../../net/failure';
import type { Bilingual, GatewayConfig, GatewayErrorInit, GatewayFailure } from './types';

/** A call to a SIPMediaGW gateway that failed, said with what to check. */
export class GatewayError extends RegieError {
  readonly failure: GatewayFailure;
  readonly status: number | null;

  constructor(init: GatewayErrorInit) {
    const said = init.said ? ` (« ${init.said} »)` : '';
    const reason = reasonOf(init.failure, said, init.status);
    super(
      init.failure === 'refused' ? 'validation' : 'remote',
      bi(
        `SIPMediaGW ${init.url}: ${init.action}: ${reason.en}`,
        `SIPMediaGW ${init.url} : ${init.action} : ${reason.fr}`,
      ),
      { detail: init.detail ?? (init.status ? `HTTP ${String(init.status)}` : init.failure) },
    );
    this.name = 'GatewayError';
    this.failure = init.failure;
    this.status = init.status ?? null;
  }
}

function reasonOf(failure: GatewayFailure, said: string, status?: number): Bilingual {
  switch (failure) {
    case 'network':
      return bi(
        'no answer. Check the gateway URL and that this machine reaches it.',
        "pas de réponse. Vérifiez l'adresse de la passerelle et que cette machine la joint.",
      );
    case 'tls':
      return bi(
        "its TLS certificate is not trusted. Install its authority here; for a self-signed gateway only, turn the gateway's TLS check off.",
        "son certificat TLS n'est pas reconnu. Installez son autorité ici ; pour une passerelle auto-signée seulement, désactivez la vérification TLS de la passerelle.",
      );
    case 'timeout':
      return bi(
        'no answer in time: the gateway hangs or is overloaded.',
        'pas de réponse à temps : la passerelle est bloquée ou surchargée.',
      );
    case 'auth':
      return bi(
        `the token is refused${said}. Set the gateway's token (the launcher's allowedToken).`,
        `le jeton est refusé${said}. Renseignez le jeton de la passerelle (allowedToken du lanceur).`,
      );
    case 'refused':
      return bi(`refused${said}.`, `refusé${said}.`);
    case 'notStarted':
      return bi(
        `the gateway answered "success" but did not start${said}. Free a gateway or check its host.`,
        `la passerelle a répondu « success » mais n'a pas démarré${said}. Libérez une passerelle ou vérifiez son hôte.`,
      );
    case 'garbled':
      return bi(
        `an answer that is not SIPMediaGW's (HTTP ${String(status ?? 200)}). Check the URL and the API generation.`,
        `une réponse qui n'est pas celle de SIPMediaGW (HTTP ${String(status ?? 200)}). Vérifiez l'adresse et la génération d'API.`,
      );
    case 'server':
      return bi(
        `the gateway failed (HTTP ${String(status ?? 500)})${said}.`,
        `la passerelle a échoué (HTTP ${String(status ?? 500)})${said}.`,
      );
  }
}

export interface GatewayAnswer {
  status: number;
  json: unknown;
  isJson: boolean;
}

/** One keep-alive pool per gateway; every call bounded; the token never in an error. */
export function createGatewayHttp(config: GatewayConfig) {
  const base = config.url.replace(/\/+$/, '');
  const agent = new Agent({
    connections: 4,
    connect: { rejectUnauthorized: config.tlsVerify, timeout: config.timeoutMs },
  });
  async function call(
    method: 'GET' | 'POST',
    path: string,
    action: string,
    options: { body?: unknown; withToken?: boolean; signal?: AbortSignal | undefined } = {},
  ): Promise<GatewayAnswer> {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${base}${path}`, {
        method,
        dispatcher: agent,
        signal,
        headers: {
          accept: 'application/json',
          ...(options.withToken === false ? {} : { authorization: `Bearer ${config.token}` }),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        headersTimeout: config.timeoutMs,
        bodyTimeout: config.timeoutMs,
      });
    } catch (error) {
      throw failure(error, action, timeout, options.signal);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw failure(error, action, timeout, options.signal);
    }
    try {
      return { status: response.statusCode, json: JSON.parse(text) as unknown, isJson: true };
    } catch {
      return { status: response.statusCode, json: text, isJson: false };
    }
  }
  function failure(error: unknown, action: string, timeout: AbortSignal, signal?: AbortSignal) {
    if (signal?.aborted) return error;
    const { kind, code } = noAnswerKind(error, timeout.aborted);
    return new GatewayError({
      failure: kind,
      action,
      url: base,
      detail: `${code || 'error'}: ${(error as Error).message}`,
    });
  }
  return {
    base,
    call,
    fail: (init: Omit<GatewayErrorInit, 'url'>) => new GatewayError({ ...init, url: base }),
    close: () => agent.close(),
  };
}

export type GatewayHttp = ReturnType<typeof createGatewayHttp>;

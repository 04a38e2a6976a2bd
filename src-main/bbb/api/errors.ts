import type { Bilingual } from '../../../src-preload/contract';
import { bi, RegieError } from '../../ground/errors';

/**
 * Why a BBB call failed. `api`: the server answered FAILED (`messageKey` says why, e.g.
 * `checksumError`, `notFound`, `unsupportedRequest`); `http`: a status other than 200; `network`:
 * no answer (refused, reset, DNS); `timeout`: no complete answer in time; `tooLarge`: the answer
 * passed the size bound; `garbage`: an answer that is not BBB's XML.
 */
export type BbbFailure = 'api' | 'http' | 'network' | 'timeout' | 'tooLarge' | 'garbage';

interface BbbErrorInit {
  failure: BbbFailure;
  call: string;
  /** Technical, in English: the errno, the status, BBB's own message. */
  message: string;
  messageKey?: string | null;
  status?: number | null;
  /** The server's name in Régie, when the client knows it. */
  server?: string | null;
  /** The URL called, without its checksum (`withoutChecksum`). */
  url?: string | null;
  cause?: unknown;
}

/** A signed URL as it may be shown: its checksum removed (with it, anyone could replay the call). */
export function withoutChecksum(url: string): string {
  return url.replace(/([?&])checksum=[^&]*&?/, '$1').replace(/[?&]$/, '');
}

/**
 * A failed BBB or Scalelite call, said for an operator: `reason` is what went wrong and what to
 * check; `text` adds where (the server, the URL without its checksum); `detail` is technical.
 */
export class BbbError extends RegieError {
  readonly failure: BbbFailure;
  readonly call: string;
  readonly messageKey: string | null;
  readonly status: number | null;
  readonly server: string | null;
  readonly url: string | null;
  readonly reason: Bilingual;
  private readonly init: BbbErrorInit;

  constructor(init: BbbErrorInit) {
    const reason = reasonOf(init);
    const call = init.call || 'index';
    const who = init.server ? `BigBlueButton ${init.server}` : 'BigBlueButton';
    const at = init.url ? ` — ${init.url}` : '';
    super(
      'remote',
      bi(`${who}: ${call}: ${reason.en}${at}`, `${who} : ${call} : ${reason.fr}${at}`),
      {
        detail: `${call}: ${init.message}`,
        cause: init.cause,
      },
    );
    this.name = 'BbbError';
    this.init = init;
    this.failure = init.failure;
    this.call = init.call;
    this.messageKey = init.messageKey ?? null;
    this.status = init.status ?? null;
    this.server = init.server ?? null;
    this.url = init.url ?? null;
    this.reason = reason;
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

  /** The same failure, placed: which server, which URL (its checksum is removed here). */
  at(place: { server?: string | undefined; url: string }): BbbError {
    if (this.url !== null) return this;
    return new BbbError({
      ...this.init,
      server: place.server ?? null,
      url: withoutChecksum(place.url),
      cause: this,
    });
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

const checkUrl = bi(
  'Check the URL: the API is usually https://host/bigbluebutton/api.',
  "Vérifiez l'URL : l'API est en général https://hôte/bigbluebutton/api.",
);

/** What went wrong, then what to check, in both languages. */
function reasonOf(init: BbbErrorInit): Bilingual {
  const then = (what: Bilingual, fix: Bilingual) =>
    bi(`${what.en}. ${fix.en}`, `${what.fr}. ${fix.fr}`);
  const status = String(init.status ?? '');
  switch (init.failure) {
    case 'network': {
      const code = /^(E[A-Z_]+|UND_ERR_\w+)/.exec(init.message)?.[1] ?? 'network error';
      return then(
        bi(`no answer (${code})`, `pas de réponse (${code})`),
        bi(
          'Check the host name and that the server is up and reachable from this machine (DNS, firewall, proxy).',
          "Vérifiez le nom d'hôte et que le serveur est démarré et joignable depuis cette machine (DNS, pare-feu, proxy).",
        ),
      );
    }
    case 'timeout': {
      const ms = Number(/within (\d+) ms/.exec(init.message)?.[1] ?? NaN);
      const within = Number.isFinite(ms) ? ` ${String(Math.round(ms / 100) / 10)} s` : '';
      return then(
        bi(
          `no complete answer within${within || ' the time allowed'}`,
          `pas de réponse complète en${within || ' temps voulu'}`,
        ),
        bi(
          'The server is overloaded or the way to it is slow; check it, or raise BBB_TIMEOUT_SECONDS.',
          'Le serveur est surchargé ou lent à joindre ; vérifiez-le, ou augmentez BBB_TIMEOUT_SECONDS.',
        ),
      );
    }
    case 'http':
      if (init.status === 404)
        return then(bi('HTTP 404, not found', 'HTTP 404, introuvable'), checkUrl);
      if (init.status === 401 || init.status === 403)
        return then(
          bi(`HTTP ${status}, access refused`, `HTTP ${status}, accès refusé`),
          bi(
            'A proxy or firewall in front of the server refuses Régie; check its access rules.',
            "Un proxy ou pare-feu devant le serveur refuse Régie ; vérifiez ses règles d'accès.",
          ),
        );
      if ((init.status ?? 0) >= 500)
        return then(
          bi(`HTTP ${status}, server error`, `HTTP ${status}, erreur du serveur`),
          bi(
            'The server is in trouble; check its logs (bbb-web, nginx) and retry later.',
            'Le serveur est en difficulté ; consultez ses journaux (bbb-web, nginx) et réessayez plus tard.',
          ),
        );
      return then(bi(`HTTP ${status}`, `HTTP ${status}`), checkUrl);
    case 'garbage':
      return then(
        bi(
          "the answer is not BigBlueButton's API",
          "la réponse n'est pas celle de l'API BigBlueButton",
        ),
        checkUrl,
      );
    case 'tooLarge':
      return bi(
        `the answer is too large (${init.message})`,
        `la réponse est trop volumineuse (${init.message})`,
      );
    case 'api':
      return apiReason(init);
  }
}

function apiReason(init: BbbErrorInit): Bilingual {
  switch (init.messageKey) {
    case 'checksumError':
      return bi(
        'checksum refused. Check the secret (bbb-conf --secret prints it) and the checksum algorithm (Scalelite refuses sha384).',
        "somme de contrôle refusée. Vérifiez le secret (bbb-conf --secret l'affiche) et l'algorithme (Scalelite refuse sha384).",
      );
    case 'notFound':
      return bi(
        `not found on the server (${init.message})`,
        `introuvable sur le serveur (${init.message})`,
      );
    case 'unsupportedRequest':
      return bi(
        'this server does not support that call (Scalelite, or an older BigBlueButton)',
        'ce serveur ne connaît pas cet appel (Scalelite, ou un BigBlueButton plus ancien)',
      );
    default:
      return bi(
        `the server answered FAILED: ${init.message}`,
        `le serveur a répondu FAILED : ${init.message}`,
      );
  }
}

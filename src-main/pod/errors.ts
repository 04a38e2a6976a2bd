import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';

/**
 * Why a call to Pod's REST API failed, each with what a Pod admin does about it (issue #11 §5):
 * `network` no answer (refused, DNS, reset, cut); `tls` certificate not trusted; `timeout` silence
 * past POD_TIMEOUT_SECONDS; `auth` 401 (no token, bad token); `forbidden` 403 (user not staff);
 * `validation` 400 with DRF field errors; `tooLarge` 413 (nginx `client_max_body_size`);
 * `notFound` 404; `server` 5xx; `notJson` an HTML page where JSON was expected; `config` no
 * POD_URL or POD_TOKEN.
 */
export type PodFailure =
  | 'network'
  | 'tls'
  | 'timeout'
  | 'auth'
  | 'forbidden'
  | 'validation'
  | 'tooLarge'
  | 'notFound'
  | 'server'
  | 'notJson'
  | 'config';

export interface PodErrorInit {
  failure: PodFailure;
  /** What Régie was doing, e.g. "GET /rest/users/" or "upload of lecture.mp4". */
  action: string;
  /** Where: the Pod server's address (never the token). */
  url: string;
  status?: number;
  /** Pod's own `detail`, in the language it answered. */
  podDetail?: string;
  /** DRF field errors, translated both ways where the message is one DRF ships. */
  fieldErrors?: Record<string, Bilingual>;
  /** For 413: the size of what was sent. */
  sentBytes?: number;
  detail?: string;
  cause?: unknown;
}

/** A failure worth trying again later: the network, a silence, a 5xx, a cut upload. */
export const isTransient = (failure: PodFailure): boolean =>
  failure === 'network' || failure === 'timeout' || failure === 'server';

export class PodError extends RegieError {
  readonly failure: PodFailure;
  readonly status: number | null;

  constructor(init: PodErrorInit) {
    const reason = reasonOf(init);
    super(
      codeOf(init.failure),
      bi(
        `Pod ${init.url}: ${init.action}: ${reason.en}`,
        `Pod ${init.url} : ${init.action} : ${reason.fr}`,
      ),
      {
        ...(init.fieldErrors ? { fieldErrors: init.fieldErrors } : {}),
        detail: init.detail ?? (init.status ? `HTTP ${String(init.status)}` : init.failure),
        cause: init.cause,
      },
    );
    this.name = 'PodError';
    this.failure = init.failure;
    this.status = init.status ?? null;
  }
}

function codeOf(failure: PodFailure): RegieError['code'] {
  if (failure === 'validation') return 'validation';
  if (failure === 'notFound') return 'not_found';
  if (failure === 'config') return 'unavailable';
  return 'remote';
}

const gb = (bytes: number) => (bytes / 1e9).toFixed(bytes >= 10e9 ? 0 : 1);

function reasonOf(init: PodErrorInit): Bilingual {
  const pod = init.podDetail ? ` (« ${init.podDetail} »)` : '';
  switch (init.failure) {
    case 'config':
      return bi(
        'Pod is not configured. Set POD_URL and POD_TOKEN (Settings → Pod).',
        "Pod n'est pas configuré. Renseignez POD_URL et POD_TOKEN (Réglages → Pod).",
      );
    case 'network':
      return bi(
        `no answer (${init.detail ?? 'network error'}). Check POD_URL and that this machine reaches Pod.`,
        `pas de réponse (${init.detail ?? 'erreur réseau'}). Vérifiez POD_URL et que cette machine joint Pod.`,
      );
    case 'tls':
      return bi(
        `its TLS certificate is not trusted (${init.detail ?? ''}). Install the certificate authority on this machine; for a test Pod only, turn POD_TLS_VERIFY off.`,
        `son certificat TLS n'est pas reconnu (${init.detail ?? ''}). Installez l'autorité de certification sur cette machine ; pour un Pod de test seulement, désactivez POD_TLS_VERIFY.`,
      );
    case 'timeout':
      return bi(
        `no answer within POD_TIMEOUT_SECONDS. Pod or its proxy is overloaded or hangs; retry later or raise the setting.`,
        `pas de réponse dans le délai POD_TIMEOUT_SECONDS. Pod ou son proxy est surchargé ou bloqué ; réessayez plus tard ou augmentez le réglage.`,
      );
    case 'auth':
      return bi(
        `the token is refused${pod}. Create a token in Pod's admin (Tokens) and set POD_TOKEN.`,
        `le jeton est refusé${pod}. Créez un jeton dans l'admin de Pod (Jetons) et renseignez POD_TOKEN.`,
      );
    case 'forbidden':
      return bi(
        `the token's user is not staff${pod}. In Pod's admin, tick "Staff status" for that user.`,
        `l'utilisateur du jeton n'a pas le statut équipe${pod}. Dans l'admin de Pod, cochez « Statut équipe » pour cet utilisateur.`,
      );
    case 'validation': {
      const fields = Object.entries(init.fieldErrors ?? {});
      return bi(
        `Pod refused the data: ${fields.map(([f, m]) => `${f}: ${m.en}`).join('; ')}`,
        `Pod a refusé les données : ${fields.map(([f, m]) => `${f} : ${m.fr}`).join(' ; ')}`,
      );
    }
    case 'tooLarge': {
      const size = init.sentBytes === undefined ? '' : ` (${gb(init.sentBytes)} GB)`;
      const taille = init.sentBytes === undefined ? '' : ` (${gb(init.sentBytes)} Go)`;
      return bi(
        `the web server in front of Pod refused the file as too large${size} (HTTP 413). Raise nginx's client_max_body_size on Pod above the file's size, or set POD_PUBLISH_FILE to best_mp4.`,
        `le serveur web devant Pod a refusé le fichier, trop gros${taille} (HTTP 413). Augmentez client_max_body_size de nginx sur Pod au-delà de la taille du fichier, ou passez POD_PUBLISH_FILE à best_mp4.`,
      );
    }
    case 'notFound':
      return bi(
        `not found (HTTP 404)${pod}. Check POD_URL (the site's root, without /rest/).`,
        `introuvable (HTTP 404)${pod}. Vérifiez POD_URL (la racine du site, sans /rest/).`,
      );
    case 'server':
      return bi(
        `Pod failed (HTTP ${String(init.status ?? 500)}). Look at Pod's logs; Régie retries later.`,
        `Pod a échoué (HTTP ${String(init.status ?? 500)}). Consultez les journaux de Pod ; Régie réessaiera.`,
      );
    case 'notJson':
      return bi(
        `an HTML page came back instead of Pod's JSON (HTTP ${String(init.status ?? 200)}). POD_URL must be Pod's own address, not a login page or a proxy's.`,
        `une page HTML est revenue au lieu du JSON de Pod (HTTP ${String(init.status ?? 200)}). POD_URL doit être l'adresse de Pod lui-même, pas une page de connexion ni celle d'un proxy.`,
      );
  }
}

/**
 * DRF's messages Pod's forms produce, both ways (Pod answers in French unless asked in English,
 * reference/pod-behaviour.md §7.2 "Observed"); others are shown as Pod wrote them.
 */
const drfMessages: [en: string, fr: string][] = [
  ['This field is required.', 'Ce champ est obligatoire.'],
  ['This list may not be empty.', 'Cette liste ne peut pas être vide.'],
  ['This field may not be blank.', 'Ce champ ne peut être vide.'],
  ['This field may not be null.', 'Ce champ ne peut être nul.'],
  ['Invalid hyperlink - No URL match.', "Lien non valide : pas d'URL correspondante."],
  ['Invalid hyperlink - Object does not exist.', "Lien non valide : l'objet n'existe pas."],
  ['No file was submitted.', "Aucun fichier n'a été soumis."],
  ['The submitted file is empty.', 'Le fichier soumis est vide.'],
  [
    'Select a valid choice. That choice is not one of the available choices.',
    'Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles.',
  ],
];

/** One DRF message in both languages. */
export function drfMessage(text: string): Bilingual {
  const trimmed = text.trim();
  for (const [en, fr] of drfMessages) {
    if (trimmed === en || trimmed === fr) return bi(en, fr);
  }
  return bi(trimmed, trimmed);
}

/**
 * DRF's 400 body, `{"field": ["message", …], "non_field_errors": […]}`, as field errors in both
 * languages; nested or odd shapes are flattened to text rather than lost.
 */
export function drfFieldErrors(body: unknown): Record<string, Bilingual> | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const out: Record<string, Bilingual> = {};
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    const texts = (Array.isArray(value) ? value : [value]).map((v) =>
      drfMessage(typeof v === 'string' ? v : JSON.stringify(v)),
    );
    out[field] = bi(texts.map((t) => t.en).join(' '), texts.map((t) => t.fr).join(' '));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

import type { Bilingual } from '../../../src-preload/contract';
import { bi } from '../../ground/errors';

/**
 * The one-line texts of the HLS health indicator, in English and French with each language's
 * number format ("1.0 s" / "1,0 s", "1,812 kb/s" / "1 812 kb/s").
 */

const formats = {
  en: {
    one: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    whole: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }),
  },
  fr: {
    one: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    whole: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }),
  },
};

type Language = keyof typeof formats;

/** `42 s`, `3 min 5 s`, `2 h 05 min`: the same in both languages apart from digits grouping. */
export function formatAge(seconds: number, language: Language): string {
  const whole = formats[language].whole;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${whole.format(s)} s`;
  if (s < 3600) return `${String(Math.floor(s / 60))} min ${String(s % 60)} s`;
  const minutes = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  return `${whole.format(Math.floor(s / 3600))} h ${minutes} min`;
}

export interface LiveFigures {
  targetDurationSeconds: number | null;
  width: number | null;
  height: number | null;
  bitrateKbps: number | null;
  ageSeconds: number | null;
}

/** `1.0 s segments, 640×360, 812 kb/s, last segment 1 s ago`, the unknown parts left out. */
function figures(f: LiveFigures, language: Language): string {
  const { one, whole } = formats[language];
  const en = language === 'en';
  const parts: string[] = [];
  if (f.targetDurationSeconds !== null) {
    const d = one.format(f.targetDurationSeconds);
    parts.push(en ? `${d} s segments` : `segments de ${d} s`);
  }
  if (f.width !== null && f.height !== null) parts.push(`${String(f.width)}×${String(f.height)}`);
  if (f.bitrateKbps !== null) parts.push(`${whole.format(f.bitrateKbps)} kb/s`);
  if (f.ageSeconds !== null) {
    const age = formatAge(f.ageSeconds, language);
    parts.push(en ? `last segment ${age} ago` : `dernier segment il y a ${age}`);
  }
  return parts.join(', ');
}

export function liveText(f: LiveFigures): Bilingual {
  const en = figures(f, 'en');
  const fr = figures(f, 'fr');
  return bi(en ? `Live: ${en}` : 'Live', fr ? `En direct : ${fr}` : 'En direct');
}

export function staleText(f: LiveFigures & { limitSeconds: number; url: string }): Bilingual {
  const age = (language: Language) => formatAge(f.ageSeconds ?? 0, language);
  const limit = (language: Language) => formatAge(f.limitSeconds, language);
  return bi(
    `Stale: last segment ${age('en')} ago (more than ${limit('en')}) at ${f.url}. The publisher stopped or stalls: check the gateway.`,
    `Figé : dernier segment il y a ${age('fr')} (plus de ${limit('fr')}) sur ${f.url}. L'émetteur s'est arrêté ou bloque : vérifiez la passerelle.`,
  );
}

export function endedText(url: string): Bilingual {
  return bi(
    `Ended: the playlist ${url} is closed (#EXT-X-ENDLIST); nothing new will come. Start the live again.`,
    `Terminé : la liste ${url} est close (#EXT-X-ENDLIST) ; plus rien n'arrivera. Relancez le direct.`,
  );
}

export function noStreamText(url: string, status: number | null): Bilingual {
  const why = status === null ? 'empty' : `HTTP ${String(status)}`;
  const pourquoi = status === null ? 'vide' : `HTTP ${String(status)}`;
  return bi(
    `No stream at ${url} (${why}): nothing is published yet, or the publisher stopped.`,
    `Aucun flux sur ${url} (${pourquoi}) : rien n'est encore publié, ou l'émetteur s'est arrêté.`,
  );
}

export type HlsFailure = 'network' | 'tls' | 'timeout' | 'status' | 'garbled' | 'segment';

/** Why the HLS side could not be read, with what to check. */
export function errorText(
  url: string,
  failure: HlsFailure,
  detail: { status?: number; said?: string } = {},
): Bilingual {
  const status = String(detail.status ?? 0);
  const said = detail.said ? ` (${detail.said})` : '';
  switch (failure) {
    case 'network':
      return bi(
        `HLS ${url}: no answer. Check the HLS URL and that this machine reaches it.`,
        `HLS ${url} : pas de réponse. Vérifiez l'adresse HLS et que cette machine la joint.`,
      );
    case 'tls':
      return bi(
        `HLS ${url}: its TLS certificate is not trusted. Install its authority here; for a self-signed server only, turn the gateway's TLS check off.`,
        `HLS ${url} : son certificat TLS n'est pas reconnu. Installez son autorité ici ; pour un serveur auto-signé seulement, désactivez la vérification TLS de la passerelle.`,
      );
    case 'timeout':
      return bi(
        `HLS ${url}: no answer in time. The streaming server hangs or is overloaded.`,
        `HLS ${url} : pas de réponse à temps. Le serveur de diffusion est bloqué ou surchargé.`,
      );
    case 'status':
      return bi(
        `HLS ${url}: the server answered HTTP ${status}. Check the HLS URL and the streaming server.`,
        `HLS ${url} : le serveur a répondu HTTP ${status}. Vérifiez l'adresse HLS et le serveur de diffusion.`,
      );
    case 'garbled':
      return bi(
        `HLS ${url}: not an HLS playlist${said}. Check the HLS URL: it names a .m3u8 playlist.`,
        `HLS ${url} : ce n'est pas une liste HLS${said}. Vérifiez l'adresse HLS : elle désigne une liste .m3u8.`,
      );
    case 'segment':
      return bi(
        `HLS ${url}: the playlist is there but its newest segment is not${said}. Check the streaming server's segment folder.`,
        `HLS ${url} : la liste est là mais pas son dernier segment${said}. Vérifiez le dossier des segments du serveur de diffusion.`,
      );
  }
}

import type { PodCheck, PodTestReport } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import { messageOf } from '../ground/wording';
import type { PodClient } from './http';

/** Routes of the optional apps (reference/pod-behaviour.md §7.1) and the app each belongs to. */
const optional: [route: string, app: string][] = [
  ['buildings', 'live'],
  ['broadcasters', 'live'],
  ['meeting_live_gateway', 'meeting'],
];

/**
 * `regie pod test` (issue #11 §1): reachable, Pod's JSON API, token valid, user staff, which
 * apps answer; each line says what is wrong and what to do. One call does it: the API root
 * needs the token and staff like every route, and lists the routes this Pod has.
 */
export async function testPod(
  client: PodClient,
  at: Date,
  tlsVerify: boolean,
  signal?: AbortSignal,
): Promise<PodTestReport> {
  const checks: PodCheck[] = [];
  const report = (apps: string[] = [], absentApps: string[] = []): PodTestReport => ({
    at: at.toISOString(),
    ok: checks.every((c) => c.ok),
    url: client.url,
    tlsVerify,
    checks,
    apps,
    absentApps,
  });
  let answer: Awaited<ReturnType<PodClient['probe']>>;
  try {
    answer = await client.probe('/rest/', signal);
  } catch (error) {
    checks.push({ name: 'reachable', ok: false, text: messageOf(error) });
    return report();
  }
  checks.push({
    name: 'reachable',
    ok: true,
    text: tlsVerify
      ? bi(`${client.url} answers.`, `${client.url} répond.`)
      : bi(
          `${client.url} answers (TLS certificate NOT checked: POD_TLS_VERIFY is off).`,
          `${client.url} répond (certificat TLS NON vérifié : POD_TLS_VERIFY est désactivé).`,
        ),
  });
  const detail =
    answer.isJson && answer.body && typeof answer.body === 'object' && 'detail' in answer.body
      ? ` (« ${String((answer.body as { detail: unknown }).detail)} »)`
      : '';
  if (!answer.isJson) {
    checks.push({
      name: 'api',
      ok: false,
      text: bi(
        `${client.url}/rest/ answers an HTML page (HTTP ${String(answer.status)}), not Pod's REST API. POD_URL must be Pod's own address (without /rest/).`,
        `${client.url}/rest/ répond une page HTML (HTTP ${String(answer.status)}), pas l'API REST de Pod. POD_URL doit être l'adresse de Pod lui-même (sans /rest/).`,
      ),
    });
    return report();
  }
  checks.push({
    name: 'api',
    ok: true,
    text: bi("Pod's REST API answers in JSON.", "L'API REST de Pod répond en JSON."),
  });
  if (answer.status === 401) {
    checks.push({
      name: 'token',
      ok: false,
      text: bi(
        `The token is refused${detail}. Create one in Pod's admin (Tokens) and set POD_TOKEN.`,
        `Le jeton est refusé${detail}. Créez-en un dans l'admin de Pod (Jetons) et renseignez POD_TOKEN.`,
      ),
    });
    return report();
  }
  checks.push({ name: 'token', ok: true, text: bi('The token is valid.', 'Le jeton est valide.') });
  if (answer.status === 403) {
    checks.push({
      name: 'staff',
      ok: false,
      text: bi(
        `The token's user is not staff${detail}: every route of Pod's API requires it. In Pod's admin, tick "Staff status" for that user.`,
        `L'utilisateur du jeton n'a pas le statut équipe${detail} : toute l'API de Pod l'exige. Dans l'admin de Pod, cochez « Statut équipe » pour cet utilisateur.`,
      ),
    });
    return report();
  }
  if (answer.status !== 200 || typeof answer.body !== 'object' || answer.body === null) {
    checks.push({
      name: 'staff',
      ok: false,
      text: bi(
        `Pod's API root answered HTTP ${String(answer.status)}${detail}.`,
        `La racine de l'API de Pod a répondu HTTP ${String(answer.status)}${detail}.`,
      ),
    });
    return report();
  }
  checks.push({
    name: 'staff',
    ok: true,
    text: bi("The token's user is staff.", "L'utilisateur du jeton a le statut équipe."),
  });
  const apps = Object.keys(answer.body);
  const absent = optional.filter(([route]) => !apps.includes(route));
  const hasVideos = apps.includes('videos') && apps.includes('users');
  const absentApps = [...new Set(absent.map(([, app]) => app))];
  checks.push({
    name: 'apps',
    ok: hasVideos,
    text: !hasVideos
      ? bi(
          "Pod's API has no videos or users route: this is not a Pod Régie can publish to.",
          "L'API de Pod n'a pas de route videos ou users : Régie ne peut pas y publier.",
        )
      : absentApps.length === 0
        ? bi(
            `All the apps Régie reads answer (${String(apps.length)} routes).`,
            `Toutes les applications que Régie lit répondent (${String(apps.length)} routes).`,
          )
        : bi(
            `Videos and users answer; absent: ${absentApps.join(', ')} (optional: no broadcasters or live gateways to mirror).`,
            `Vidéos et utilisateurs répondent ; absentes : ${absentApps.join(', ')} (facultatives : pas de diffuseurs ni de passerelles de live à recopier).`,
          ),
  });
  return report(apps, absentApps);
}

import type { GatewayApi, GatewayTestReport, LiveGatewayView } from '../../../src-preload/contract';
import { bi, RegieError, validationError } from '../../ground/errors';
import { messageOf } from '../../ground/wording';
import type { Services } from '../../kit/services';
import type { SecretCipher } from '../../secrets/cipher';
import { openGateway, type GatewayClient } from '../gateway';
import { createGatewaysRepository, type StoredGateway } from './repository';
import { checkGatewayFields, streamName } from './validate';

export interface GatewayAdd {
  name?: string | undefined;
  rtmpUrl: string;
  hlsUrl: string;
  sipmediagwUrl?: string | undefined;
  token?: string | undefined;
  api?: GatewayApi | undefined;
  tlsVerify?: boolean | undefined;
  isEnabled?: boolean | undefined;
}

/**
 * The live gateways registry (issue #13 §1, Pod's "Passerelles de live"): the RTMP destination,
 * its HLS side, the SIPMediaGW feeding it with its sealed token, the API generation (probed once
 * when `auto`), TLS verification (on unless an admin turns it off for a self-signed gateway).
 * Pod's gateways arrive with the Pod mirror, without SIPMediaGW URL and token (Pod's API does not
 * expose them: pod-behaviour.md §7.2): incomplete, never allocated, until an admin fills them.
 */
export function createGatewaysService(options: {
  s: Services;
  cipher: SecretCipher;
  /** The webinar live on a gateway now, if any. */
  busyWith: (gatewayId: number) => { webinarId: number; name: string } | null;
}) {
  const { s, cipher } = options;
  const repo = createGatewaysRepository(s.db);
  const isComplete = (g: StoredGateway) => g.sipmediagwUrl !== '' && g.tokenSealed !== null;
  const view = (g: StoredGateway): LiveGatewayView => ({
    id: g.id,
    name: g.name,
    rtmpUrl: g.rtmpUrl,
    hlsUrl: g.hlsUrl,
    sipmediagwUrl: g.sipmediagwUrl,
    hasToken: g.tokenSealed !== null,
    api: g.api,
    detectedApi: g.detectedApi,
    tlsVerify: g.tlsVerify,
    isEnabled: g.isEnabled,
    origin: g.podGatewayId === null ? 'regie' : 'pod',
    podGatewayId: g.podGatewayId,
    isComplete: isComplete(g),
    lastTest: g.lastTest,
    busyWith: options.busyWith(g.id),
  });
  const changed = () =>
    s.events.emit('gateways.changed', { items: repo.list().map(view), isComplete: true });

  const require = (id: number): StoredGateway => {
    const found = repo.byId(id);
    if (!found)
      throw new RegieError(
        'not_found',
        bi(`No live gateway with id ${String(id)}`, `Aucune passerelle de live d'id ${String(id)}`),
      );
    return found;
  };

  const tlsNote = (g: { tlsVerify: boolean }) =>
    g.tlsVerify
      ? bi('', '')
      : bi(', TLS not verified (self-signed)', ', TLS non vérifié (auto-signé)');

  /** One SIPMediaGW answer at most, and one HLS read (a start launches a browser: seconds). */
  const timeoutMs = () => Math.max(1, s.settings.get('WEBINAR_TIMEOUT_SECONDS')) * 1000;

  /** A client for the gateway, its API generation probed once and remembered. */
  async function client(gateway: StoredGateway, signal?: AbortSignal): Promise<GatewayClient> {
    if (!isComplete(gateway) || gateway.tokenSealed === null)
      throw new RegieError(
        'validation',
        bi(
          `Live gateway ${gateway.name} has no SIPMediaGW URL or token: set them in Webinars → Live gateways.`,
          `La passerelle de live ${gateway.name} n'a pas d'URL SIPMediaGW ou de jeton : renseignez-les dans Webinaires → Passerelles de live.`,
        ),
      );
    const api = gateway.api === 'auto' ? (gateway.detectedApi ?? 'auto') : gateway.api;
    const opened = await openGateway(
      {
        url: gateway.sipmediagwUrl,
        token: cipher.open(gateway.tokenSealed),
        api,
        tlsVerify: gateway.tlsVerify,
        timeoutMs: timeoutMs(),
      },
      signal,
    );
    if (gateway.detectedApi !== opened.generation) {
      repo.setDetected(gateway.id, opened.generation);
      changed();
    }
    return opened;
  }

  /** `run` with a client for the registry's gateway `gatewayId`, closed afterwards. */
  async function withClient<T>(
    gatewayId: number,
    run: (gateway: GatewayClient) => Promise<T>,
  ): Promise<T> {
    const opened = await client(require(gatewayId));
    try {
      return await run(opened);
    } finally {
      await opened.close();
    }
  }

  return {
    repo,
    view,
    changed,
    require,
    client,
    withClient,
    timeoutMs,
    isUsable: (g: StoredGateway) => g.isEnabled && isComplete(g),
    list: (): LiveGatewayView[] => repo.list().map(view),

    add(input: GatewayAdd): LiveGatewayView {
      s.operator.require('manageSettings');
      const checked = checkGatewayFields(input, {
        others: repo.list(),
        needsSipmediagw: true,
      });
      const token = input.token?.trim() ?? '';
      if (token === '')
        checked.errors.token = bi(
          "the SIPMediaGW token (the launcher's allowedToken)",
          'le jeton SIPMediaGW (allowedToken du lanceur)',
        );
      if (Object.keys(checked.errors).length > 0) throw validationError(checked.errors);
      const stored = repo.insert(
        {
          name: checked.name,
          rtmpUrl: input.rtmpUrl.trim(),
          hlsUrl: input.hlsUrl.trim(),
          sipmediagwUrl: checked.sipmediagwUrl,
          tokenSealed: cipher.seal(token),
          api: input.api ?? 'auto',
          tlsVerify: input.tlsVerify ?? true,
          isEnabled: input.isEnabled ?? true,
          podGatewayId: null,
        },
        s.now().toISOString(),
      );
      const note = tlsNote(stored);
      s.record({
        kind: 'gateway.added',
        subject: `gateway:${String(stored.id)}`,
        text: bi(
          `Live gateway ${stored.name} added: ${stored.rtmpUrl} via ${stored.sipmediagwUrl}${note.en}`,
          `Passerelle de live ${stored.name} ajoutée : ${stored.rtmpUrl} via ${stored.sipmediagwUrl}${note.fr}`,
        ),
      });
      changed();
      return view(stored);
    },

    update(id: number, patch: Partial<GatewayAdd>): LiveGatewayView {
      s.operator.require('manageSettings');
      const current = require(id);
      const merged = {
        name: patch.name ?? current.name,
        rtmpUrl: patch.rtmpUrl ?? current.rtmpUrl,
        hlsUrl: patch.hlsUrl ?? current.hlsUrl,
        sipmediagwUrl: patch.sipmediagwUrl ?? current.sipmediagwUrl,
        api: patch.api ?? current.api,
      };
      const checked = checkGatewayFields(merged, {
        others: repo.list().filter((g) => g.id !== id),
        needsSipmediagw: current.podGatewayId === null,
      });
      if (Object.keys(checked.errors).length > 0) throw validationError(checked.errors);
      const token = patch.token?.trim() ?? '';
      const busy = options.busyWith(id);
      if (
        busy &&
        (merged.rtmpUrl !== current.rtmpUrl || checked.sipmediagwUrl !== current.sipmediagwUrl)
      )
        throw new RegieError(
          'conflict',
          bi(
            `Live gateway ${current.name} streams webinar ${String(busy.webinarId)} "${busy.name}" now: stop its live before changing its addresses.`,
            `La passerelle de live ${current.name} diffuse le webinaire ${String(busy.webinarId)} « ${busy.name} » : arrêtez son direct avant de changer ses adresses.`,
          ),
        );
      repo.update(
        id,
        {
          name: checked.name,
          rtmpUrl: merged.rtmpUrl.trim(),
          hlsUrl: merged.hlsUrl.trim(),
          sipmediagwUrl: checked.sipmediagwUrl,
          tokenSealed: token === '' ? current.tokenSealed : cipher.seal(token),
          api: merged.api,
          tlsVerify: patch.tlsVerify ?? current.tlsVerify,
          isEnabled: patch.isEnabled ?? current.isEnabled,
          podGatewayId: current.podGatewayId,
        },
        s.now().toISOString(),
      );
      const saved = require(id);
      const note = tlsNote(saved);
      s.record({
        kind: 'gateway.updated',
        subject: `gateway:${String(id)}`,
        text: bi(
          `Live gateway ${saved.name} saved${token === '' ? '' : ', new token'}${saved.isEnabled ? '' : ', disabled'}${note.en}`,
          `Passerelle de live ${saved.name} enregistrée${token === '' ? '' : ', nouveau jeton'}${saved.isEnabled ? '' : ', désactivée'}${note.fr}`,
        ),
      });
      changed();
      return view(saved);
    },

    remove(id: number): { id: number } {
      s.operator.require('manageSettings');
      const gateway = require(id);
      const busy = options.busyWith(id);
      if (busy)
        throw new RegieError(
          'conflict',
          bi(
            `Live gateway ${gateway.name} streams webinar ${String(busy.webinarId)} "${busy.name}" now: stop its live first.`,
            `La passerelle de live ${gateway.name} diffuse le webinaire ${String(busy.webinarId)} « ${busy.name} » : arrêtez d'abord son direct.`,
          ),
        );
      repo.remove(id);
      s.record({
        kind: 'gateway.removed',
        subject: `gateway:${String(id)}`,
        text: bi(
          `Live gateway ${gateway.name} removed`,
          `Passerelle de live ${gateway.name} supprimée`,
        ),
      });
      changed();
      return { id };
    },

    /** Which API the SIPMediaGW speaks and whether it takes the token; kept on the row. */
    async test(id: number): Promise<LiveGatewayView> {
      const gateway = require(id);
      const at = s.now().toISOString();
      let report: GatewayTestReport;
      try {
        const opened = await client({
          ...gateway,
          detectedApi: gateway.api === 'auto' ? null : gateway.detectedApi,
        });
        try {
          await opened.checkAccess();
        } finally {
          await opened.close();
        }
        report = {
          at,
          ok: true,
          generation: opened.generation,
          text: bi(
            `SIPMediaGW answers (${opened.generation} API)${tlsNote(gateway).en}`,
            `SIPMediaGW répond (API ${opened.generation === 'legacy' ? 'historique' : 'actuelle'})${tlsNote(gateway).fr}`,
          ),
        };
      } catch (error) {
        report = { at, ok: false, generation: null, text: messageOf(error) };
      }
      repo.setTest(id, report);
      s.record({
        level: report.ok ? 'info' : 'warn',
        kind: 'gateway.tested',
        subject: `gateway:${String(id)}`,
        text: bi(
          `Live gateway ${gateway.name} tested: ${report.text.en}`,
          `Passerelle de live ${gateway.name} testée : ${report.text.fr}`,
        ),
      });
      changed();
      return view(require(id));
    },

    /**
     * Pod's gateways as the Pod mirror read them: new ones added (incomplete until an admin gives
     * their SIPMediaGW URL and token), known ones' RTMP and HLS addresses kept in step.
     */
    syncFromPod(): number {
      const known = new Map(
        repo.list().flatMap((g) => (g.podGatewayId === null ? [] : [[g.podGatewayId, g] as const])),
      );
      const at = s.now().toISOString();
      let touched = 0;
      for (const row of repo.podRows()) {
        const mine = known.get(row.podId);
        if (mine) {
          if (mine.rtmpUrl === row.rtmpUrl && mine.hlsUrl === row.hlsUrl) continue;
          repo.update(mine.id, { ...mine, rtmpUrl: row.rtmpUrl, hlsUrl: row.hlsUrl }, at);
        } else {
          const base = streamName(row.rtmpUrl) || `pod-${String(row.podId)}`;
          const taken = new Set(repo.list().map((g) => g.name));
          const name = taken.has(base) ? `${base} (Pod ${String(row.podId)})` : base;
          repo.insert(
            {
              name,
              rtmpUrl: row.rtmpUrl,
              hlsUrl: row.hlsUrl,
              sipmediagwUrl: '',
              tokenSealed: null,
              api: 'auto',
              tlsVerify: true,
              isEnabled: true,
              podGatewayId: row.podId,
            },
            at,
          );
        }
        touched++;
      }
      if (touched > 0) {
        s.record({
          kind: 'gateway.podSynced',
          by: 'system',
          text: bi(
            `Live gateways from Pod: ${String(touched)} added or updated; give each its SIPMediaGW URL and token`,
            `Passerelles de live de Pod : ${String(touched)} ajoutée(s) ou mise(s) à jour ; renseignez l'URL SIPMediaGW et le jeton de chacune`,
          ),
        });
        changed();
      }
      return touched;
    },
  };
}

export type GatewaysService = ReturnType<typeof createGatewaysService>;

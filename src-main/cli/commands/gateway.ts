import {
  gatewayApis,
  type GatewayApi,
  type HlsHealth,
  type LiveGatewayView,
} from '../../../src-preload/contract';
import type { RegieApp } from '../../app/app';
import { RegieError } from '../../ground/errors';
import { requireOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, readSecretFile, table, UsageError } from '../io';
import { group, leaf } from '../spec';
import { when } from './webinarText';

const optionNames: Record<string, string> = {
  name: '--name',
  rtmpUrl: '--rtmp',
  hlsUrl: '--hls',
  sipmediagwUrl: '--sipmediagw',
  token: '--token-file',
  api: '--api',
};

const apiShown = (g: LiveGatewayView) =>
  g.api === 'auto' ? `auto (${g.detectedApi ?? 'not probed yet'})` : g.api;

const testShown = (g: LiveGatewayView) =>
  g.lastTest === null
    ? 'never'
    : // The reason is one "regie gateway test NAME" away; a table cell stays short.
      `${g.lastTest.ok ? 'ok' : 'FAILED'} ${when(g.lastTest.at)}`;

const rows = (gateways: LiveGatewayView[]) =>
  gateways.map((g) => ({
    id: String(g.id),
    name: g.name,
    rtmp: g.rtmpUrl,
    hls: g.hlsUrl,
    sipmediagw: g.isComplete ? g.sipmediagwUrl : `${g.sipmediagwUrl || '-'} (incomplete)`,
    api: apiShown(g),
    tls: g.tlsVerify ? 'verified' : 'NOT VERIFIED',
    state: g.isEnabled
      ? g.busyWith
        ? `live: webinar ${String(g.busyWith.webinarId)}`
        : 'free'
      : 'disabled',
    origin: g.origin,
    'last test': testShown(g),
  }));

/** `NAME` is a gateway's name or its id (Pod-mirrored gateways may share a name). */
async function gatewayOf(app: RegieApp, key: string): Promise<LiveGatewayView> {
  const all = await app.api.invoke('gateways.list', {});
  const byName = all.filter((g) => g.name === key);
  if (byName.length > 1)
    throw new UsageError(
      `NAME: several gateways are named "${key}"; give its id instead (ids: ${byName.map((g) => String(g.id)).join(', ')})`,
    );
  const found =
    byName[0] ?? (/^\d+$/.test(key) ? all.find((g) => g.id === Number(key)) : undefined);
  if (!found)
    throw new UsageError(`NAME: no live gateway named "${key}" (see "regie gateway list")`);
  return found;
}

const add = leaf({
  name: 'add',
  summary: 'add a live gateway: an RTMP destination, its HLS side, the SIPMediaGW feeding it',
  options: {
    rtmp: { type: 'string', value: 'URL', help: 'rtmp://live.univ.fr/live/name (required)' },
    hls: {
      type: 'string',
      value: 'URL',
      help: 'what the audience plays: https://live.univ.fr/hls/name.m3u8 (required)',
    },
    sipmediagw: {
      type: 'string',
      value: 'URL',
      help: 'the SIPMediaGW HTTP launcher: https://sipmediagw.univ.fr (required)',
    },
    'token-file': {
      type: 'string',
      value: 'F',
      help: 'a file holding the SIPMediaGW token (required)',
    },
    api: {
      type: 'string',
      value: 'auto|legacy|current',
      help: 'its API generation (auto: probed at the first test or start)',
    },
    'insecure-tls': {
      type: 'boolean',
      help: 'do not verify its TLS certificate (a self-signed gateway only)',
    },
    name: { type: 'string', value: 'N', help: 'its name in Régie (default: from the RTMP URL)' },
  },
  notes:
    'The token is the SIPMediaGW launcher\'s bearer token; it never leaves Régie.\nThe gateway is not contacted here: "regie gateway test NAME" probes it.',
  run: async ({ io, values }) => {
    const api = values.api;
    if (api !== undefined && !(gatewayApis as readonly string[]).includes(api))
      throw new UsageError(`--api must be auto, legacy or current, not "${api}"`);
    const input = {
      ...(values.name !== undefined ? { name: values.name } : {}),
      rtmpUrl: requireOption(values.rtmp, 'rtmp'),
      hlsUrl: requireOption(values.hls, 'hls'),
      sipmediagwUrl: requireOption(values.sipmediagw, 'sipmediagw'),
      token: readSecretFile(requireOption(values['token-file'], 'token-file'), '--token-file'),
      ...(api !== undefined ? { api: api as GatewayApi } : {}),
      ...(values['insecure-tls'] ? { tlsVerify: false } : {}),
    };
    if (input.token.trim() === '')
      throw new UsageError(`--token-file: ${values['token-file'] ?? ''} is empty`);
    await withApp(io, values, async (app) => {
      const added = await app.api.invoke('gateways.add', input).catch(namingOptions(optionNames));
      if (!added.tlsVerify)
        io.err(
          `note: TLS certificates of ${added.sipmediagwUrl} are not verified (--insecure-tls): use it only for a self-signed gateway\n`,
        );
      print(
        io,
        values,
        added,
        () =>
          `Gateway ${added.name} added (id ${String(added.id)}): ${added.rtmpUrl} → ${added.hlsUrl}\nNot contacted yet: "regie gateway test ${added.name}" probes its SIPMediaGW.\n`,
      );
    });
  },
});

const list = leaf({
  name: 'list',
  summary: 'list the live gateways, the webinar on each, their last test',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const all = await app.api.invoke('gateways.list', {});
      print(io, values, all, () =>
        table(rows(all), 'No live gateway: add one with "regie gateway add".'),
      );
    });
  },
});

/** The health's own words name the URL when something is wrong, and the figures when live. */
const healthLine = (h: HlsHealth) =>
  h.text.en.startsWith('HLS ') ? h.text.en : `HLS ${h.url}: ${h.text.en}`;

const test = leaf({
  name: 'test',
  summary: 'probe its SIPMediaGW (API generation, token) and read its HLS side once',
  args: ['NAME'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const gateway = await gatewayOf(app, positionals[0] ?? '');
      const tested = await app.api.invoke('gateways.test', { id: gateway.id });
      // The HLS side has no stream until a live runs: reported, never a failure of the test.
      const hls = await app.api.invoke('gateways.health', { id: gateway.id }).catch(() => null);
      const report = tested.lastTest;
      print(io, values, { ...tested, hls }, () =>
        [
          `Gateway ${tested.name}: SIPMediaGW ${tested.sipmediagwUrl || '(none)'}, API ${apiShown(tested)}, TLS ${tested.tlsVerify ? 'verified' : 'NOT verified'}`,
          report === null ? 'Not tested.' : `${report.ok ? 'OK' : 'FAILED'}: ${report.text.en}`,
          ...(hls ? [healthLine(hls)] : []),
          '',
        ].join('\n'),
      );
      if (report !== null && !report.ok && !values.json)
        throw new RegieError('remote', report.text);
    });
  },
});

const remove = leaf({
  name: 'remove',
  summary: 'remove a live gateway (refused while a webinar holds it)',
  args: ['NAME'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const gateway = await gatewayOf(app, positionals[0] ?? '');
      const removed = await app.api.invoke('gateways.remove', { id: gateway.id });
      print(io, values, removed, () => `Gateway ${gateway.name} removed\n`);
    });
  },
});

/** `regie gateway add|list|test|remove` (issue #13 §9): Pod's "Passerelles de live". */
export const gatewayCommand = group('gateway', 'live gateways (RTMP → HLS) fed by SIPMediaGW', [
  add,
  list,
  test,
  remove,
]);

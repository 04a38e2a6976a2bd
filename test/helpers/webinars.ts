import type { WebinarView } from '../../src-preload/contract';
import type { RegieApp } from '../../src-main/app/app';
import { createBbbClient } from '../../src-main/bbb/api/client';
import { addUser } from './app';
import type { BbbSimulator } from './bbbSimulator';
import type { SipSimulator } from './sipmediagwSimulator';
import { until } from './until';

/**
 * The set-up the webinar tests share: webinars on, the relay's public address, short polls, a
 * user allowed to run webinars, a BBB server and gateways on the simulators.
 */
export async function enableWebinars(
  app: RegieApp,
  options: { publicUrl?: string; pollSeconds?: number } = {},
): Promise<void> {
  const settings: [string, unknown][] = [
    ['USE_MEETING_WEBINAR', true],
    ['WEBINAR_PUBLIC_URL', options.publicUrl ?? 'https://regie.example.org'],
    ['WEBINAR_POLL_SECONDS', options.pollSeconds ?? 1],
  ];
  for (const [key, value] of settings) await app.api.invoke('settings.set', { key, value });
  if (!(await app.api.invoke('users.list', {})).some((u) => u.username === 'prof'))
    await addUser(app, 'prof', { affiliation: 'faculty' });
}

export const addBbbServer = (app: RegieApp, bbb: BbbSimulator, name = 'bbb') =>
  app.api.invoke('bbbServers.add', { name, url: bbb.url, secret: bbb.secret });

/** A gateway on `sim`; RTMP and HLS addresses that lead nowhere unless given. */
export const addGateway = (
  app: RegieApp,
  sim: SipSimulator,
  options: {
    name?: string;
    rtmpUrl?: string;
    hlsUrl?: string;
    api?: 'auto' | 'legacy' | 'current';
  } = {},
) => {
  const name = options.name ?? 'amphi';
  return app.api.invoke('gateways.add', {
    name,
    rtmpUrl: options.rtmpUrl ?? `rtmp://127.0.0.1/live/${name}`,
    hlsUrl: options.hlsUrl ?? `http://127.0.0.1:1/hls/${name}.m3u8`,
    sipmediagwUrl: sim.url,
    token: sim.token,
    ...(options.api ? { api: options.api } : {}),
  });
};

/** Someone joins, as the gateway's browser does a few seconds after its start: BBB runs the meeting. */
export async function joinAsViewer(sim: BbbSimulator, meetingId: string): Promise<void> {
  const url = createBbbClient({ url: sim.url, secret: sim.secret }).joinUrl({
    meetingId,
    fullName: 'Live',
    role: 'VIEWER',
  });
  const response = await fetch(url, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`join answered ${String(response.status)}`);
}

export async function webinarOf(app: RegieApp, id: number): Promise<WebinarView> {
  const found = (await app.api.invoke('webinars.list', {})).find((w) => w.id === id);
  if (!found) throw new Error(`webinar ${String(id)} gone`);
  return found;
}

/** The webinar once `test` holds for it, polled. */
export const untilWebinar = (
  app: RegieApp,
  id: number,
  what: string,
  test: (w: WebinarView) => boolean,
  timeoutMs = 60_000,
): Promise<WebinarView> =>
  until(
    what,
    async () => {
      const w = await webinarOf(app, id);
      return test(w) ? w : undefined;
    },
    { timeoutMs },
  );

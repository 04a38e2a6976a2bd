import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { startPodSimulator, type PodSimulator } from '../helpers/podSimulator';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * Issue #13 §1: Pod's live gateways arrive with the Pod mirror. Pod's API gives their RTMP URL
 * and broadcaster (the HLS side) but not their SIPMediaGW URL and token (pod-behaviour.md §7.2),
 * so they come in incomplete, are never allocated, and become usable once an admin fills them.
 */

let pod: PodSimulator;
let sip: SipSimulator;
let dir: string;
let app: RegieApp;

beforeEach(async () => {
  dir = makeTempDir();
  app = createApp({ dataDir: dir });
  pod = await startPodSimulator({ users: 2 });
  sip = await startSipMediaGwSimulator({ generation: 'current', join: false });
});
afterEach(async () => {
  await app.close();
  await pod.close();
  await sip.close();
  removeTempDir(dir);
});

it('mirrors them incomplete, then usable once given their SIPMediaGW URL and token', async () => {
  await app.api.invoke('settings.set', { key: 'POD_URL', value: pod.url });
  await app.api.invoke('settings.set', { key: 'POD_TOKEN', value: pod.staffToken });
  await app.api.invoke('pod.mirror', {});

  const [mirrored, ...others] = await app.api.invoke('gateways.list', {});
  expect(others).toEqual([]);
  expect(mirrored).toMatchObject({
    name: 'gw1',
    origin: 'pod',
    podGatewayId: 1,
    rtmpUrl: 'rtmp://stream.univ.test/live/gw1',
    hlsUrl: 'https://stream.univ.test/live/amphi-a.m3u8',
    sipmediagwUrl: '',
    hasToken: false,
    isComplete: false,
  });
  const id = mirrored?.id ?? 0;
  const incomplete = await app.api.invoke('gateways.test', { id });
  expect(incomplete.lastTest?.ok).toBe(false);
  expect(incomplete.lastTest?.text.en).toMatch(/no SIPMediaGW URL or token/);

  // A second mirror changes nothing and adds no twin.
  await app.api.invoke('pod.mirror', {});
  expect(await app.api.invoke('gateways.list', {})).toHaveLength(1);

  const completed = await app.api.invoke('gateways.update', {
    id,
    patch: { sipmediagwUrl: sip.url, token: sip.token },
  });
  expect(completed).toMatchObject({ isComplete: true, hasToken: true, origin: 'pod' });
  const tested = await app.api.invoke('gateways.test', { id });
  expect(tested.lastTest).toMatchObject({ ok: true, generation: 'current' });
  expect(tested.detectedApi).toBe('current');
  expect(JSON.stringify(await app.api.invoke('gateways.list', {}))).not.toContain(sip.token);
});

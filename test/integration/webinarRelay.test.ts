import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { startHost, type RunningHost } from '../../src-main/host/server';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { addBbbServer, addGateway, enableWebinars } from '../helpers/webinars';

/**
 * Issue #13 §4: the join relay on the web host. SIPMediaGW's browser opens
 * `https://<domain>/<room>`, fills `#id_name` and is sent into BBB as a viewer (pod-behaviour.md
 * §5.6). The path is public, valid only while the webinar is live, and shows nothing else; the
 * console behind it still wants its token.
 */

let dir: string;
let app: RegieApp;
let host: RunningHost;
let bbb: BbbSimulator;
let sip: SipSimulator;

beforeEach(async () => {
  dir = makeTempDir();
  const root = join(dir, 'renderer');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
  app = createApp({ dataDir: join(dir, 'data') });
  host = await startHost({ app, staticDir: root });
  bbb = await startBbbSimulator({ flavour: 'bbb-3.0' });
  sip = await startSipMediaGwSimulator({ generation: 'legacy', join: false });
});
afterEach(async () => {
  await host.close();
  await app.close();
  await sip.close();
  await bbb.close();
  removeTempDir(dir);
});

const base = () => `http://127.0.0.1:${String(host.port)}`;

async function liveWebinar() {
  await enableWebinars(app, { publicUrl: base() });
  const server = await addBbbServer(app, bbb);
  await addGateway(app, sip);
  return app.api.invoke('webinars.create', {
    serverId: server.id,
    name: 'Amphi <L1> & co',
    startAt: '2026-12-07T09:00Z',
    durationMinutes: 90,
  });
}

describe('join relay', () => {
  it('serves the join form only while live, then redirects the name to a signed BBB viewer join', async () => {
    const w = await liveWebinar();
    const relay = w.relayUrl ?? '';
    expect(relay.startsWith(`${base()}/live/`)).toBe(true);

    // Scheduled, not live: the same 404 as an unknown key.
    const before = await fetch(relay);
    expect(before.status).toBe(404);
    const unknown = await fetch(`${base()}/live/${'a'.repeat(54)}/${'b'.repeat(10)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe(await before.text());

    await app.api.invoke('webinars.start', { id: w.id });
    // What SIPMediaGW was told to open is this page (no scheme; its browser adds https://).
    const started = [...sip.running.values()][0];
    expect(`${started?.domain ?? ''}/${[...sip.running.keys()][0] ?? ''}`).toBe(
      relay.replace(/^http:\/\//, ''),
    );

    const page = await fetch(relay);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<input[^>]*name="name"[^>]*id="id_name"/);
    expect(html).toContain('Amphi &#60;L1&#62; &#38; co');
    expect(html).not.toMatch(/<script|token|bbb|127\.0\.0\.1/i);
    expect(page.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${new URL(bbb.url).origin}`,
    );

    const joined = await fetch(relay, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=SIPMediaGW',
      redirect: 'manual',
    });
    expect(joined.status).toBe(302);
    const location = new URL(joined.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(`${bbb.url}/join`);
    expect(location.searchParams.get('role')).toBe('VIEWER');
    expect(location.searchParams.get('fullName')).toBe('SIPMediaGW');
    expect(location.searchParams.get('meetingID')).toBe(w.meetingId);
    const intoBbb = await fetch(location, { redirect: 'manual' });
    expect(intoBbb.status).toBe(302);
    expect(bbb.joins.at(-1)?.role).toBe('VIEWER');

    // An empty name is "Live", as the issue asks.
    const empty = await fetch(relay, {
      method: 'POST',
      body: 'name=',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(new URL(empty.headers.get('location') ?? '').searchParams.get('fullName')).toBe('Live');

    // A listener message posted to the relay reaches the BBB chat, prefixed.
    const chat = await fetch(`${relay}/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Zoé', message: 'Bonjour !' }),
    });
    expect(chat.status).toBe(200);
    expect(bbb.chat.at(-1)?.message).toBe('(Zoé) Bonjour !');

    // A name costs nothing to change: the relay as a whole is held to ten authors' worth a minute.
    await app.api.invoke('settings.set', { key: 'WEBINAR_CHAT_PER_MINUTE', value: 1 });
    const post = (name: string) =>
      fetch(`${relay}/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, message: 'Question' }),
      });
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(`Auditeur ${String(i)}`)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    expect(statuses.slice(-2)).toEqual([429, 429]);

    // The console itself still wants its token.
    expect((await fetch(`${base()}/`)).status).toBe(401);

    await app.api.invoke('webinars.stopLive', { id: w.id });
    expect((await fetch(relay)).status).toBe(404);
    const late = await fetch(relay, {
      method: 'POST',
      body: 'name=x',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(late.status).toBe(404);
  });
});

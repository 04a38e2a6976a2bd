import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError, openGateway, type GatewayClient } from '../../src-main/webinar/gateway';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';

/**
 * Issue #13 §5, first brick: one client for both SIPMediaGW API generations (reference/bbb.md
 * §4.2–4.3, test/fixtures/sipmediagw), against the simulator. Success only when the gateway
 * really started (§8.5.1–2), every call bounded (§8.5.4), chat quotes handled (§8.5.12).
 */

let sim: SipSimulator | undefined;
let client: GatewayClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

const request = {
  room: 'a1b2c3d4e5',
  domain: '127.0.0.1:8443/relay/a1b2c3d4e5',
  rtmpDst: 'rtmp://127.0.0.1/live/webinar42',
};

async function open(
  generation: 'legacy' | 'current',
  patch: { token?: string; timeoutMs?: number } = {},
) {
  sim = await startSipMediaGwSimulator({ generation, join: false });
  client = await openGateway({
    url: sim.url,
    token: patch.token ?? sim.token,
    api: 'auto',
    tlsVerify: true,
    timeoutMs: patch.timeoutMs ?? 5_000,
  });
  return { sim, client };
}

const failureOf = async (run: () => Promise<unknown>): Promise<GatewayError> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
};

describe.each(['legacy', 'current'] as const)('SIPMediaGW %s API', (generation) => {
  it('is detected, starts a streaming gateway, toggles the chat, relays a message, stops', async () => {
    const { sim, client } = await open(generation);
    expect(client.generation).toBe(generation);
    const handle = await client.start(request);
    const id = handle.gwId ?? handle.room;
    expect(sim.running.get(id)?.rtmpDst).toBe(request.rtmpDst);
    expect((await client.status(handle)).isUp).toBe(true);

    const visible = sim.running.get(id)?.chatVisible;
    await client.toggleChat(handle);
    expect(sim.running.get(id)?.chatVisible).toBe(!visible);
    await client.sendChat(handle, `(Ana) C'est "clair" ?`);
    const [message] = sim.running.get(id)?.messages ?? [];
    expect(message).toBe(
      generation === 'legacy' ? '(Ana) C’est ’clair’ ?' : `(Ana) C'est "clair" ?`,
    );

    await client.stop(handle);
    expect(sim.running.size).toBe(0);
    // Stopping what is stopped already is what was asked: no error.
    await client.stop(handle);
  });

  it('says the gateway did not start, even behind a 200 "success" (§8.5.2)', async () => {
    const { sim, client } = await open(generation);
    sim.nextStart('launchFailed');
    const error = await failureOf(() => client.start(request));
    expect(error.text.en).toContain('The gateway failed to launch');
    expect(['notStarted', 'server']).toContain(error.failure);
    expect(sim.running.size).toBe(0);
  });

  it('names a refused token', async () => {
    sim = await startSipMediaGwSimulator({ generation, join: false });
    const error = await failureOf(async () => {
      client = await openGateway({
        url: sim?.url ?? '',
        token: 'wrong',
        api: generation,
        tlsVerify: true,
        timeoutMs: 5_000,
      });
      await client.start(request);
    });
    expect(error.failure).toBe('auth');
    expect(error.text.fr).toContain('le jeton est refusé');
  });

  it('gives up on a gateway that never answers, within its timeout (§8.5.4)', async () => {
    const { sim, client } = await open(generation, { timeoutMs: 300 });
    sim.nextStart('stall');
    const started = Date.now();
    const error = await failureOf(() => client.start(request));
    expect(error.failure).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

it('legacy: "No free resources found" behind a 200 is a gateway that did not start', async () => {
  const { sim, client } = await open('legacy');
  sim.nextStart('noResources');
  const error = await failureOf(() => client.start(request));
  expect(error.failure).toBe('notStarted');
  expect(error.text.en).toContain('No free resources found');
});

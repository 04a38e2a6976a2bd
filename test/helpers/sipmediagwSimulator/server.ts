import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleCurrent } from './current';
import { createJoins } from './joins';
import { handleLegacy } from './legacy';
import type {
  SipAnswer,
  SipRunning,
  SipSimCall,
  SipSimOptions,
  SipSimulator,
  SipStartOutcome,
  SipState,
} from './model';

/**
 * A SIPMediaGW HTTP launcher on 127.0.0.1 (random port) answering with the shapes of
 * test/fixtures/sipmediagw, for the legacy (Pod's) or the current generation.
 */
export async function startSipMediaGwSimulator(options: SipSimOptions): Promise<SipSimulator> {
  const token = options.token ?? '1234';
  const delayMs = options.delayMs ?? 0;
  const running = new Map<string, SipRunning>();
  const calls: SipSimCall[] = [];
  let outcome: SipStartOutcome = 'ok';
  let gwCount = 0;
  const joins = createJoins(options);
  /** Stops under way (their pushes ending), awaited before the stop's answer goes out. */
  const stopping: Promise<void>[] = [];
  const end = (entry: SipRunning) => stopping.push(joins.leave(entry));
  const state: SipState = {
    token,
    running,
    setRunning: (key, entry) => {
      const previous = running.get(key);
      if (previous) end(previous);
      running.set(key, entry);
      joins.join(entry);
    },
    removeRunning: (key) => {
      const entry = running.get(key);
      if (!entry) return false;
      running.delete(key);
      end(entry);
      return true;
    },
    takeStartOutcome: () => {
      const next = outcome;
      outcome = 'ok';
      return next;
    },
    newGwId: () => {
      let id: string;
      do id = `gw${String(++gwCount).padStart(2, '0')}`;
      while (running.has(id));
      return id;
    },
  };
  const handle = options.generation === 'legacy' ? handleLegacy : handleCurrent;

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const call = await readCall(req);
    calls.push(call);
    const answer = handle(call, state);
    // A stop answers once its push has ended, as `docker compose down` returns once it is down.
    await Promise.all(stopping.splice(0));
    if (answer === 'stall') return; // the socket stays open until close()
    if (delayMs > 0) await wait(delayMs);
    send(res, answer);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    generation: options.generation,
    calls,
    running,
    nextStart: (next) => {
      outcome = next;
    },
    close: async () => {
      for (const entry of running.values()) end(entry);
      running.clear();
      await Promise.all(stopping.splice(0));
      await new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function readCall(req: IncomingMessage): Promise<SipSimCall> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body,
    authorization: req.headers.authorization ?? null,
    at: Date.now(),
  };
}

function send(res: ServerResponse, answer: Exclude<SipAnswer, 'stall'>): void {
  if ('json' in answer) {
    res.writeHead(answer.status, { ...answer.headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.json));
  } else {
    res.writeHead(answer.status, { 'content-type': answer.contentType });
    res.end(answer.text);
  }
}

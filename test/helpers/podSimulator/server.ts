import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Transform } from 'node:stream';
import { startEncoding, type EncodingRun } from './encoding';
import { seedState, type PodSimOptions, type PodSimState } from './model';
import { paginate } from './pagination';
import { resources, videoJson, type Ctx, type Resource } from './resources';
import {
  discard,
  keepFile,
  readMultipart,
  routeNames,
  storedName,
  validateVideoForm,
  type ReceivedForm,
} from './upload';
import {
  django404Page,
  htmlPage,
  langOf,
  methodNotAllowed,
  nginx413Page,
  notFoundDetail,
  say,
  slugify,
  unsupportedMediaType,
} from './wire';

export interface PodSimulator extends PodSimState {
  /** `http://127.0.0.1:<port>` (no trailing slash); the API is under `/rest/`. */
  url: string;
  staffToken: string;
  userToken: string;
  /** Every request: method, path and query, status (0: closed without an answer), body bytes read. */
  requests: { method: string; path: string; status: number; bytesIn: number }[];
  /**
   * The next `POST /rest/videos/`: the socket is destroyed after `afterBytes` body bytes. With
   * `storeFirst`, the whole body is read and the video created (as if Django had stored it), and
   * the connection is cut instead of the answer, so the client never learns the id; `afterBytes`
   * is then not used.
   */
  cutNextUpload(options: { afterBytes: number; storeFirst?: boolean }): void;
  /** The next `count` requests whose path starts with `pathPrefix` get this status and an HTML page. */
  htmlNext(pathPrefix: string, status: number, count?: number): void;
  /** The next `count` encodings (default 1) fail after step 2 with a "-1: …" step. */
  failNextEncoding(count?: number): void;
  close(): Promise<void>;
}

/**
 * How long a connection answered before its body was read keeps draining, like nginx's
 * lingering_close (lingering_time 30 s there; shorter here, the client is on the same machine).
 */
const lingerMs = 5_000;

export async function startPodSimulator(options: PodSimOptions = {}): Promise<PodSimulator> {
  const live = options.live ?? true;
  const meeting = options.meeting ?? true;
  const maxBodyBytes = options.maxBodyBytes ?? Infinity;
  const latencyMs = options.latencyMs ?? 0;
  const registered = routeNames(live, meeting);
  const encoding: EncodingRun = { timers: new Set(), stepMs: options.encodingStepMs ?? 20 };
  let cut: { afterBytes: number; storeFirst: boolean } | null = null;
  const htmlRules: { prefix: string; status: number; count: number }[] = [];
  let failingEncodings = 0;

  const sim: PodSimulator = {
    url: '',
    staffToken: options.staffToken ?? 'a'.repeat(40),
    userToken: options.userToken ?? 'b'.repeat(40),
    ...seedState(options),
    requests: [],
    cutNextUpload: ({ afterBytes, storeFirst = false }) => {
      cut = { afterBytes, storeFirst };
    },
    htmlNext: (prefix, status, count = 1) => {
      htmlRules.push({ prefix, status, count });
    },
    failNextEncoding: (count = 1) => {
      failingEncodings += count;
    },
    close: async () => {},
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !req.socket.destroyed)
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const entry = { method, path: rawUrl, status: 0, bytesIn: 0 };
    sim.requests.push(entry);
    const base = `http://${req.headers.host ?? sim.url.slice('http://'.length)}`;
    const url = new URL(rawUrl, base);
    const ctx: Ctx = { state: sim, base, lang: langOf(req) };

    const send = async (status: number, body: string, headers: Record<string, string>) => {
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (req.socket.destroyed) return;
      entry.status = status;
      if (!req.complete) lingerAfter(req, headers);
      res.writeHead(status, headers);
      res.end(method === 'HEAD' ? undefined : body);
    };
    const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
      send(status, JSON.stringify(body), {
        'content-type': 'application/json',
        vary: 'Accept, Accept-Language',
        'content-language': ctx.lang,
        ...extra,
      });
    const html = (status: number, page: string) =>
      send(status, page, { 'content-type': 'text/html; charset=utf-8' });

    // nginx, in front of Pod, answers these before Django sees the request.
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes)
      return send(413, nginx413Page, { 'content-type': 'text/html', connection: 'close' });
    const rule = htmlRules.find((r) => r.count > 0 && url.pathname.startsWith(r.prefix));
    if (rule) {
      rule.count -= 1;
      return html(rule.status, htmlPage(rule.status));
    }

    // Django's URL resolution, then DRF's view: authentication, permission, method.
    const route = resolve(url.pathname);
    if (route === 'slash') {
      entry.status = 301;
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    if (!route) return html(404, django404Page);
    const token = /^Token\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined)
      return json(
        401,
        { detail: say('notAuthenticated', ctx.lang) },
        { 'www-authenticate': 'Token' },
      );
    if (token !== sim.staffToken && token !== sim.userToken)
      return json(401, { detail: say('invalidToken', ctx.lang) }, { 'www-authenticate': 'Token' });
    if (token !== sim.staffToken) return json(403, { detail: say('permissionDenied', ctx.lang) });

    const allowed =
      route.kind === 'list' && route.resource.name === 'videos'
        ? ['GET', 'POST', 'HEAD', 'OPTIONS']
        : ['GET', 'HEAD', 'OPTIONS'];
    const allow = { allow: allowed.join(', ') };
    if (!allowed.includes(method))
      return json(405, { detail: methodNotAllowed(method, ctx.lang) }, allow);
    if (method === 'OPTIONS')
      return json(
        200,
        {
          name: route.kind === 'root' ? 'Api Root' : route.kind,
          description: '',
          renders: ['application/json', 'text/html'],
          parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
        },
        allow,
      );

    switch (route.kind) {
      case 'root':
        return json(
          200,
          Object.fromEntries(
            resources
              .filter((r) => registered.has(r.name))
              .map((r) => [r.name, `${base}/rest/${r.name}/`]),
          ),
          allow,
        );
      case 'encode': {
        const video = sim.videos.find((v) => v.slug === url.searchParams.get('slug'));
        if (!video) return json(404, { detail: notFoundDetail('Video') });
        // Answered with the video as it was; the encoding thread changes it afterwards.
        const before = videoJson(video, ctx);
        if (!video.encodingInProgress) {
          startEncoding(video, encoding, failingEncodings > 0);
          if (failingEncodings > 0) failingEncodings -= 1;
        }
        return json(200, before, allow);
      }
      case 'detail': {
        const { resource } = route;
        const row = resource
          .rows(ctx)
          .find((r) => (resource.key ? resource.key(r) : String(r.id)) === route.key);
        if (!row) return json(404, { detail: notFoundDetail(resource.model) });
        return json(200, resource.serialize(row, ctx), allow);
      }
      case 'list': {
        if (method === 'POST') return upload(req, ctx, entry, { json, send });
        const { resource } = route;
        const rows = resource.filter
          ? resource.filter(resource.rows(ctx), url.searchParams, ctx)
          : resource.rows(ctx);
        if (!Array.isArray(rows)) return json(400, rows, allow);
        const page = paginate(rows, url);
        if (!page.ok) return json(404, { detail: say('invalidPage', ctx.lang) }, allow);
        return json(
          200,
          { ...page.body, results: page.body.results.map((r) => resource.serialize(r, ctx)) },
          allow,
        );
      }
    }
  }

  type Route =
    | { kind: 'root' }
    | { kind: 'encode' }
    | { kind: 'list'; resource: Resource }
    | { kind: 'detail'; resource: Resource; key: string };

  /** Pod's urls: the router's routes of the registered apps, and launch_encode_view. */
  function resolve(path: string): Route | 'slash' | null {
    if (path === '/rest/') return { kind: 'root' };
    if (path === '/rest/launch_encode_view/') return { kind: 'encode' };
    const match = /^\/rest\/([^/]+)\/(?:([^/.]+)\/)?$/.exec(path);
    const resource = match && resources.find((r) => r.name === match[1] && registered.has(r.name));
    if (match && resource)
      return match[2] === undefined
        ? { kind: 'list', resource }
        : { kind: 'detail', resource, key: match[2] };
    // Django's APPEND_SLASH redirects when the path with a slash would resolve.
    if (!path.endsWith('/') && resolve(`${path}/`)) return 'slash';
    return null;
  }

  async function upload(
    req: IncomingMessage,
    ctx: Ctx,
    entry: PodSimulator['requests'][number],
    answer: {
      json: (status: number, body: unknown) => Promise<void>;
      send: (status: number, body: string, headers: Record<string, string>) => Promise<void>;
    },
  ) {
    const { json } = answer;
    const plan = cut;
    cut = null;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        entry.bytesIn += chunk.length;
        if (plan && !plan.storeFirst && entry.bytesIn >= plan.afterBytes) {
          req.socket.destroy();
          done(new Error('connection cut by the simulator'));
          return;
        }
        if (entry.bytesIn > maxBodyBytes) {
          // A chunked body (no Content-Length) that grows past nginx's limit.
          done(Object.assign(new Error('too large'), { tooLarge: true }));
          return;
        }
        done(null, chunk);
      },
    });
    req.on('close', () => {
      if (!req.complete) meter.destroy(new Error('request aborted'));
    });
    req.pipe(meter);

    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    let form: ReceivedForm;
    try {
      if (type === 'multipart/form-data')
        form = await readMultipart(req.headers, meter, options.uploadDir);
      else if (type === 'application/json' || type === 'application/x-www-form-urlencoded')
        form = { fields: await readSmallForm(meter, type), file: null };
      else {
        req.unpipe(meter);
        return json(415, { detail: unsupportedMediaType(type, ctx.lang) });
      }
    } catch (error) {
      if (req.socket.destroyed) return;
      req.unpipe(meter);
      if ((error as { tooLarge?: boolean }).tooLarge)
        return answer.send(413, nginx413Page, { 'content-type': 'text/html', connection: 'close' });
      const what = type === 'application/json' ? 'JSON' : 'Multipart form';
      return json(400, { detail: `${what} parse error - ${(error as Error).message}` });
    }

    const checked = validateVideoForm(form, ctx, registered);
    if (!checked.ok) {
      discard(form.file);
      if (plan?.storeFirst) return void req.socket.destroy();
      return json(400, checked.errors);
    }
    const id = Math.max(0, ...sim.videos.map((v) => v.id)) + 1;
    const owner = sim.owners.find((o) => o.userId === checked.video.ownerId);
    const fileName = storedName(form.file?.clientName ?? 'video.mp4');
    const filePath =
      form.file && options.uploadDir
        ? keepFile(form.file, options.uploadDir, owner?.hashkey ?? 'unknown', fileName)
        : undefined;
    const video = {
      ...checked.video,
      id,
      slug: `${String(id).padStart(4, '0')}-${slugify(checked.video.title)}`,
      fileName,
      dateAdded: new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
      ...(filePath ? { filePath } : {}),
    };
    sim.videos.push(video);
    // Stored, then the connection drops before the answer: the client cannot know the id.
    if (plan?.storeFirst) return void req.socket.destroy();
    return json(201, videoJson(video, ctx));
  }

  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sim.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  sim.close = () =>
    new Promise<void>((resolve) => {
      for (const timer of encoding.timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return sim;
}

/**
 * For an answer sent before the request body was read (413, 401 to an upload, an HTML page):
 * `Connection: close`, then what the client still sends is read and dropped until it stops or
 * `lingerMs` pass, and only then is the socket closed — nginx's lingering_close. Node's default
 * (destroy once the answer is flushed) resets the connection while the client is still writing,
 * and undici then reports EPIPE/ECONNRESET instead of the answer about one time in four with
 * concurrent uploads (measured, see the report of the simulator's commit). undici stops sending
 * once it has the answer, so the drain is short.
 */
function lingerAfter(req: IncomingMessage, headers: Record<string, string>) {
  headers.connection = 'close';
  req.unpipe();
  req.resume();
  const socket = req.socket;
  // Node's server calls destroySoon() once a `Connection: close` answer is finished.
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    const stop = () => {
      clearTimeout(timer);
      this.destroy();
    };
    const timer = setTimeout(stop, lingerMs);
    this.once('end', stop);
    this.once('close', () => clearTimeout(timer));
    this.resume();
  };
}

/** A JSON or urlencoded body (no file): small, read whole. */
async function readSmallForm(body: Transform, type: string): Promise<Map<string, string[]>> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const fields = new Map<string, string[]>();
  if (type === 'application/json') {
    const data = JSON.parse(text || '{}') as Record<string, unknown>;
    for (const [name, value] of Object.entries(data))
      fields.set(
        name,
        (Array.isArray(value) ? value : [value]).map((v) => String(v)),
      );
  } else
    for (const [name, value] of new URLSearchParams(text))
      fields.set(name, [...(fields.get(name) ?? []), value]);
  return fields;
}

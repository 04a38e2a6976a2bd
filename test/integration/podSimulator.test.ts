import { createHash } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startPodSimulator, type PodSimOptions, type PodSimulator } from '../helpers/podSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

/** The Pod REST simulator itself (issue #11): the wire format the Pod connector is tested against. */

let sims: PodSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
const start = async (options: PodSimOptions = {}) => {
  const sim = await startPodSimulator(options);
  sims.push(sim);
  return sim;
};

const get = async (
  sim: PodSimulator,
  path: string,
  headers: Record<string, string> = { authorization: `Token ${sim.staffToken}` },
) => {
  const res = await request(`${sim.url}${path}`, { headers });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
};

/** The bytes of a generated video: `size` bytes as 64 KiB views of one buffer, made as sent. */
const pattern = Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7) & 0xff));
function* videoBytes(size: number): Generator<Buffer> {
  for (let sent = 0; sent < size;) {
    const n = Math.min(pattern.length, size - sent);
    sent += n;
    yield pattern.subarray(0, n);
  }
}
const sha256Of = (size: number) => {
  const hash = createHash('sha256');
  for (const chunk of videoBytes(size)) hash.update(chunk);
  return hash.digest('hex');
};

/** A multipart form streamed with its exact Content-Length, the file never whole in memory. */
function multipart(fields: [string, string][], fileSize: number | null) {
  const boundary = '----regie-test-boundary';
  const head = fields
    .map(([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`)
    .join('');
  const fileHead =
    fileSize === null
      ? ''
      : `--${boundary}\r\nContent-Disposition: form-data; name="video"; filename="Cours 1.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
  const tail = `${fileSize === null ? '' : '\r\n'}--${boundary}--\r\n`;
  const length =
    Buffer.byteLength(head) +
    Buffer.byteLength(fileHead) +
    (fileSize ?? 0) +
    Buffer.byteLength(tail);
  const body = Readable.from(
    (function* () {
      yield Buffer.from(head + fileHead);
      if (fileSize !== null) yield* videoBytes(fileSize);
      yield Buffer.from(tail);
    })(),
  );
  return {
    body,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(length),
    },
  };
}

const postVideo = async (sim: PodSimulator, form: ReturnType<typeof multipart>, lang?: string) => {
  const res = await request(`${sim.url}/rest/videos/`, {
    method: 'POST',
    body: form.body,
    headers: {
      ...form.headers,
      authorization: `Token ${sim.staffToken}`,
      ...(lang ? { 'accept-language': lang } : {}),
    },
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text };
};

const videoFields = (sim: PodSimulator, extra: [string, string][] = []): [string, string][] => [
  ['title', 'Cours 1 : les bases'],
  ['owner', `${sim.url}/rest/users/3/`],
  ['type', `${sim.url}/rest/types/2/`],
  ['sites', `${sim.url}/rest/sites/1/`],
  ['is_draft', 'true'],
  ...extra,
];

describe('Pod simulator', () => {
  it('answers DRF token auth errors in French, or English with Accept-Language: en', async () => {
    const sim = await start();
    const none = await get(sim, '/rest/users/', {});
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Token');
    expect(none.json()).toEqual({ detail: "Informations d'authentification non fournies." });
    const bad = await get(sim, '/rest/users/', {
      authorization: `Token ${'z'.repeat(40)}`,
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect([bad.status, bad.json()]).toEqual([401, { detail: 'Invalid token.' }]);
    const user = await get(sim, '/rest/users/', { authorization: `Token ${sim.userToken}` });
    expect([user.status, user.json()]).toEqual([
      403,
      { detail: "Vous n'avez pas la permission d'effectuer cette action." },
    ]);
  });

  it('pages users by 12, newest first, with absolute hyperlinks and DRF next/previous', async () => {
    const sim = await start();
    const pages = [];
    let path: string | null = '/rest/users/';
    while (path) {
      const page = (await get(sim, path)).json() as {
        count: number;
        next: string | null;
        previous: string | null;
        results: { id: number; url: string; username: string }[];
      };
      pages.push(page);
      path = page.next?.slice(sim.url.length) ?? null;
    }
    expect(pages.map((p) => p.results.length)).toEqual([12, 12, 7]);
    expect(pages[0]?.count).toBe(31);
    expect(pages[0]?.next).toBe(`${sim.url}/rest/users/?page=2`);
    expect(pages[1]?.previous).toBe(`${sim.url}/rest/users/`);
    expect(pages[2]?.previous).toBe(`${sim.url}/rest/users/?page=2`);
    expect(pages[0]?.results[0]).toMatchObject({
      id: 31,
      username: 'u30',
      url: `${sim.url}/rest/users/31/`,
    });
    expect(pages[2]?.results.at(-1)?.username).toBe('admin');
    const beyond = await get(sim, '/rest/users/?page=99');
    expect([beyond.status, beyond.json()]).toEqual([404, { detail: 'Page non valide.' }]);
    const owner = (await get(sim, '/rest/owners/2/')).json();
    expect(owner).toMatchObject({ user: `${sim.url}/rest/users/2/`, auth_type: 'CAS' });
    expect(owner.hashkey).toMatch(/^[0-9a-f]{64}$/);
    const filtered = (await get(sim, '/rest/users/?username=u5')).json();
    expect(filtered).toMatchObject({ count: 1, next: null, results: [{ email: 'u5@univ.test' }] });
  });

  it('answers Django’s HTML 404 for the routes of an app the Pod does not have', async () => {
    const sim = await start({ live: false });
    const root = (await get(sim, '/rest/')).json();
    expect(root.users).toBe(`${sim.url}/rest/users/`);
    expect(root).not.toHaveProperty('buildings');
    expect(root).toHaveProperty('meeting_live_gateway');
    const buildings = await get(sim, '/rest/buildings/');
    expect(buildings.status).toBe(404);
    expect(buildings.headers['content-type']).toMatch(/^text\/html/);
    expect(buildings.text).toContain('<h1>Not Found</h1>');
  });

  it('answers HTML pages when told, 405 to other methods, and filters videos by owner id', async () => {
    const sim = await start({ latencyMs: 5 });
    sim.htmlNext('/rest/users/', 502);
    const gateway = await get(sim, '/rest/users/');
    expect([gateway.status, gateway.headers['content-type']]).toEqual([
      502,
      'text/html; charset=utf-8',
    ]);
    expect((await get(sim, '/rest/users/')).status).toBe(200);
    const del = await request(`${sim.url}/rest/users/2/`, {
      method: 'DELETE',
      headers: { authorization: `Token ${sim.staffToken}` },
    });
    expect([del.statusCode, await del.body.json()]).toEqual([
      405,
      { detail: 'Méthode « DELETE » non autorisée.' },
    ]);
    const byUrl = await get(
      sim,
      `/rest/videos/?owner=${encodeURIComponent(`${sim.url}/rest/users/3/`)}`,
    );
    expect(byUrl.status).toBe(400);
    expect(byUrl.json()).toEqual({
      owner: ['Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles.'],
    });
    expect((await get(sim, '/rest/videos/?owner=3')).json()).toMatchObject({ count: 0 });
    expect(sim.requests.map((r) => r.status)).toEqual([502, 200, 405, 400, 200]);
  });

  it('receives a streamed multipart upload, keeping only its size and sha256', async () => {
    const sim = await start();
    const size = 5 * 1024 * 1024 + 123;
    const res = await postVideo(sim, multipart(videoFields(sim), size));
    expect(res.status).toBe(201);
    const video = JSON.parse(res.text) as Record<string, unknown>;
    expect(video).toMatchObject({
      id: 1,
      slug: '0001-cours-1-les-bases',
      owner: `${sim.url}/rest/users/3/`,
      is_draft: true,
      encoded: false,
      encoding_in_progress: false,
      get_encoding_step: '',
    });
    expect(video.video).toMatch(/\/media\/videos\/[0-9a-f]{64}\/cours-1\.mp4$/);
    expect(sim.videos[0]).toMatchObject({ fileSize: size, fileSha256: sha256Of(size) });
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', status: 201 });
    expect(sim.requests.at(-1)?.bytesIn).toBeGreaterThan(size);
  });

  it('answers DRF’s field errors, all at once, after reading the whole form', async () => {
    const sim = await start();
    const fields = videoFields(sim).filter(([n]) => n !== 'sites' && n !== 'owner');
    const res = await postVideo(sim, multipart([...fields, ['owner', '3']], 1000));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      owner: ["Lien non valide : pas d'URL correspondante."],
      sites: ['Cette liste ne peut pas être vide.'],
    });
    const en = await postVideo(sim, multipart([['title', 'x']], null), 'en');
    expect(JSON.parse(en.text)).toEqual({
      video: ['No file was submitted.'],
      owner: ['This field is required.'],
      type: ['This field is required.'],
      sites: ['This list may not be empty.'],
    });
    expect(sim.videos).toHaveLength(0);
  });

  it('answers nginx’s 413 to a body over client_max_body_size, and undici sees it', async () => {
    const sim = await start({ maxBodyBytes: 1024 * 1024 });
    // A file stream, as the connector sends: it writes fast enough that without the
    // simulator's lingering close undici gets EPIPE instead of the answer (most of the time).
    const dir = makeTempDir();
    try {
      const file = join(dir, 'big.bin');
      writeFileSync(file, Buffer.alloc(16_000_000, 1));
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          postVideo(sim, {
            body: createReadStream(file),
            headers: {
              'content-type': 'multipart/form-data; boundary=x',
              'content-length': '16000000',
            },
          }),
        ),
      );
      for (const res of answers) {
        expect(res.status).toBe(413);
        expect(res.headers['content-type']).toBe('text/html');
        expect(res.headers.connection).toBe('close');
        expect(res.text).toContain('<center>nginx</center>');
      }
      expect(sim.videos).toHaveLength(0);
    } finally {
      removeTempDir(dir);
    }
  });

  it('cuts an upload mid-body, or after storing the video, without an answer', async () => {
    const sim = await start();
    sim.cutNextUpload({ afterBytes: 1_000_000 });
    await expect(postVideo(sim, multipart(videoFields(sim), 3_000_000))).rejects.toThrow();
    expect(sim.videos).toHaveLength(0);
    expect(sim.requests.at(-1)).toMatchObject({ status: 0 });
    sim.cutNextUpload({ afterBytes: 0, storeFirst: true });
    await expect(postVideo(sim, multipart(videoFields(sim), 3_000_000))).rejects.toThrow();
    expect(sim.videos).toHaveLength(1);
    expect(sim.videos[0]?.fileSize).toBe(3_000_000);
    const after = await postVideo(sim, multipart(videoFields(sim), 1000));
    expect(after.status).toBe(201);
  });

  it('encodes after launch_encode_view, step by step, and can fail', async () => {
    const sim = await start({ encodingStepMs: 5 });
    await postVideo(sim, multipart(videoFields(sim), 1000));
    const slug = sim.videos[0]?.slug ?? '';
    const launched = await get(sim, `/rest/launch_encode_view/?slug=${slug}`);
    expect(launched.json()).toMatchObject({ encoding_in_progress: false, get_encoding_step: '' });
    const seen = new Set<string>();
    const done = await until(
      'the encoding to end',
      async () => {
        const video = (await get(sim, '/rest/videos/1/')).json();
        seen.add(String(video.get_encoding_step));
        return video.encoded === true ? video : undefined;
      },
      { everyMs: 2, timeoutMs: 5_000 },
    );
    expect(done).toMatchObject({
      get_encoding_step: '0: end of encoding',
      encoding_in_progress: false,
      duration: 10,
      duration_in_time: '00:00:10',
    });
    expect(seen.size).toBeGreaterThan(1);
    const unknown = await get(sim, '/rest/launch_encode_view/?slug=9999-nope');
    expect([unknown.status, unknown.json()]).toEqual([
      404,
      { detail: 'No Video matches the given query.' },
    ]);
    sim.failNextEncoding();
    await get(sim, `/rest/launch_encode_view/?slug=${slug}`);
    await until(
      'the encoding to fail',
      () => (sim.videos[0]?.step.startsWith('-1:') ? true : undefined),
      { everyMs: 5, timeoutMs: 5_000 },
    );
    expect(sim.videos[0]).toMatchObject({ encoded: false, encodingInProgress: false });
  });
});

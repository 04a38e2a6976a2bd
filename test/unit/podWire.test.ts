import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import busboy from 'busboy';
import { afterEach, describe, expect, it } from 'vitest';
import { drfFieldErrors, drfMessage } from '../../src-main/pod/errors';
import type { PodClient } from '../../src-main/pod/http';
import { idOfLink, linkTo, slugOfLink } from '../../src-main/pod/links';
import { walkPages } from '../../src-main/pod/pages';
import { multipartBody } from '../../src-main/pod/upload';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

const dirs: string[] = [];
const tempDir = () => {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach(removeTempDir));

// reference/pod-behaviour.md §7.1–7.2 and issue #11's "Facts of a real Pod 4.1".
describe('DRF messages', () => {
  it('gives the known messages in both languages, whichever Pod answered in', () => {
    expect(drfMessage('Cette liste ne peut pas être vide.')).toEqual({
      en: 'This list may not be empty.',
      fr: 'Cette liste ne peut pas être vide.',
    });
    expect(drfMessage('Invalid hyperlink - No URL match.').fr).toBe(
      "Lien non valide : pas d'URL correspondante.",
    );
    expect(drfMessage('Quelque chose de propre à Pod')).toEqual({
      en: 'Quelque chose de propre à Pod',
      fr: 'Quelque chose de propre à Pod',
    });
  });

  it('reads a 400 body as one error per field, none lost', () => {
    expect(
      drfFieldErrors({
        sites: ['Cette liste ne peut pas être vide.'],
        owner: ["Lien non valide : l'objet n'existe pas."],
        nested: { deep: 1 },
      }),
    ).toEqual({
      sites: { en: 'This list may not be empty.', fr: 'Cette liste ne peut pas être vide.' },
      owner: {
        en: 'Invalid hyperlink - Object does not exist.',
        fr: "Lien non valide : l'objet n'existe pas.",
      },
      nested: { en: '{"deep":1}', fr: '{"deep":1}' },
    });
    expect(drfFieldErrors('<html>')).toBeUndefined();
  });
});

describe('hyperlinks', () => {
  it('reads ids from the path only (a proxy may give the wrong host)', () => {
    expect(idOfLink('http://internal:8000/rest/users/42/', 'users')).toBe(42);
    expect(idOfLink('https://pod.univ.fr/pod/rest/types/3/', 'types')).toBe(3);
    expect(idOfLink('https://pod.univ.fr/rest/users/42/', 'types')).toBeUndefined();
    expect(idOfLink(42, 'users')).toBeUndefined();
    expect(slugOfLink('https://pod/rest/broadcasters/amphi-a%C3%A9/', 'broadcasters')).toBe(
      'amphi-aé',
    );
    expect(linkTo('https://pod.univ.fr/pod', 'users', 7)).toBe(
      'https://pod.univ.fr/pod/rest/users/7/',
    );
  });
});

describe('multipart upload body', () => {
  it('streams the file between the fields, with a length known before the first byte', async () => {
    const dir = tempDir();
    const path = join(dir, 'cours.mp4');
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    writeFileSync(path, data);
    let lastSent = 0;
    const body = multipartBody(
      [
        ['title', 'Cours « Été » "quoted"'],
        ['is_draft', 'true'],
      ],
      { field: 'video', path, name: 'cours "1".mp4', size: data.length, contentType: 'video/mp4' },
      (sent) => (lastSent = sent),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of body.chunks) chunks.push(Buffer.from(chunk));
    const raw = Buffer.concat(chunks);
    expect(raw.length).toBe(body.length);
    expect(lastSent).toBe(data.length);

    const fields: Record<string, string> = {};
    const file = await new Promise<{ name: string; sha: string; size: number }>(
      (resolve, reject) => {
        const parser = busboy({ headers: { 'content-type': body.contentType } });
        parser.on('field', (name, value) => (fields[name] = value));
        parser.on('file', (_name, stream, info) => {
          const hash = createHash('sha256');
          let size = 0;
          stream.on('data', (b: Buffer) => {
            hash.update(b);
            size += b.length;
          });
          stream.on('end', () =>
            resolve({ name: info.filename ?? '', sha: hash.digest('hex'), size }),
          );
        });
        parser.on('error', reject);
        parser.end(raw);
      },
    );
    expect(fields).toEqual({ title: 'Cours « Été » "quoted"', is_draft: 'true' });
    expect(file).toEqual({
      name: 'cours %221%22.mp4',
      size: data.length,
      sha: createHash('sha256').update(data).digest('hex'),
    });
  });

  it('fails rather than send a file that changed size since it was measured', async () => {
    const dir = tempDir();
    const path = join(dir, 'grows.mp4');
    writeFileSync(path, Buffer.alloc(1000));
    const body = multipartBody([], {
      field: 'video',
      path,
      name: 'grows.mp4',
      size: 500,
      contentType: 'video/mp4',
    });
    await expect(async () => {
      for await (const _ of body.chunks) {
        // drain
      }
    }).rejects.toThrow(/changed while it was sent/);
  });
});

/** A paginated list of `total` rows, pages of 12, as DRF answers it. */
function fakeClient(total: number, options: { addAfterFirst?: number } = {}) {
  let rows = total;
  const asked: string[] = [];
  const client: Pick<PodClient, 'get'> = {
    get: (pathOrLink: string) => {
      asked.push(pathOrLink);
      const page = Number(new URL(pathOrLink, 'http://x').searchParams.get('page') ?? '1');
      if (page === 1 && options.addAfterFirst) rows += options.addAfterFirst;
      const count = page === 1 && options.addAfterFirst ? total : rows;
      const start = (page - 1) * 12;
      const results = Array.from({ length: Math.max(0, Math.min(12, rows - start)) }, (_, i) => ({
        id: start + i + 1,
      }));
      const next = start + 12 < rows ? `http://pod/rest/users/?page=${String(page + 1)}` : null;
      return Promise.resolve({ count, next, previous: null, results });
    },
  };
  return { client: client as PodClient, asked };
}

describe('page walk', () => {
  it('reads page 1, then the others in parallel, every row once', async () => {
    const { client, asked } = fakeClient(100);
    const ids: number[] = [];
    const pages = await walkPages(client, '/rest/users/', {
      concurrency: 4,
      onRows: (rows) => ids.push(...rows.map((r) => (r as { id: number }).id)),
    });
    expect(pages).toBe(9);
    expect(asked).toHaveLength(9);
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('follows `next` past the count read at the start when rows were added meanwhile', async () => {
    const { client } = fakeClient(24, { addAfterFirst: 30 });
    const ids = new Set<number>();
    await walkPages(client, '/rest/users/', {
      concurrency: 3,
      onRows: (rows) => rows.forEach((r) => ids.add((r as { id: number }).id)),
    });
    expect(ids.size).toBe(54);
  });

  it('reads a one-page list with one request', async () => {
    const { client, asked } = fakeClient(5);
    expect(await walkPages(client, '/rest/types/', { concurrency: 4, onRows: () => {} })).toBe(1);
    expect(asked).toEqual(['/rest/types/']);
  });
});

import busboy from 'busboy';
import { createHash, randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  type WriteStream,
} from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { PodSimVideo } from './model';
import { resources, type Ctx } from './resources';
import { say, slugify, type MessageKey } from './wire';

/**
 * `POST /rest/videos/` as Pod 4.1 takes it: a multipart form read streaming (the file is hashed
 * and counted chunk by chunk, never held), then DRF's validation of the whole form at once —
 * errors per field in declaration order, French unless `Accept-Language: en` (issue #11's
 * "Facts of a real Pod 4.1").
 */

export interface ReceivedFile {
  /** The name the client gave in the part's Content-Disposition. */
  clientName: string;
  size: number;
  sha256: string;
  /** The temporary file, when the simulator keeps uploads. */
  tempPath?: string;
}

export interface ReceivedForm {
  fields: Map<string, string[]>;
  file: ReceivedFile | null;
}

/** Parses the form from `body`; rejects on a malformed multipart or an aborted request. */
export function readMultipart(
  headers: IncomingHttpHeaders,
  body: Readable,
  uploadDir: string | undefined,
): Promise<ReceivedForm> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string[]>();
    let file: ReceivedFile | null = null;
    let writing: Promise<void> = Promise.resolve();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { fieldSize: 1024 * 1024 } });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    parser.on('field', (name, value) => fields.set(name, [...(fields.get(name) ?? []), value]));
    parser.on('file', (name, stream, info) => {
      // Django ignores a file part without a file name; only the first `video` counts.
      if (name !== 'video' || file !== null || !info.filename) {
        stream.resume();
        return;
      }
      const received: ReceivedFile = { clientName: info.filename, size: 0, sha256: '' };
      file = received;
      const hash = createHash('sha256');
      let out: WriteStream | null = null;
      if (uploadDir) {
        mkdirSync(uploadDir, { recursive: true });
        received.tempPath = join(uploadDir, `.upload-${randomBytes(6).toString('hex')}`);
        out = createWriteStream(received.tempPath);
      }
      stream.on('data', (chunk: Buffer) => {
        received.size += chunk.length;
        hash.update(chunk);
        if (out && !out.write(chunk)) {
          stream.pause();
          out.once('drain', () => stream.resume());
        }
      });
      writing = new Promise<void>((done, fail) => {
        stream.on('end', () => {
          received.sha256 = hash.digest('hex');
          if (!out) return done();
          out.end(() => done());
          out.once('error', fail);
        });
      });
    });
    parser.on('error', (error: Error) => {
      discard(file);
      reject(error);
    });
    parser.on('close', () => {
      writing.then(
        () => resolve({ fields, file }),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
    body.on('error', (error) => {
      discard(file);
      reject(error);
    });
    body.on('aborted', () => reject(new Error('request aborted')));
    body.pipe(parser);
  });
}

export const discard = (file: ReceivedFile | null): void => {
  if (file?.tempPath) rmSync(file.tempPath, { force: true });
};

/** DRF's HyperlinkedRelatedField.to_internal_value: scheme and host ignored, path resolved. */
function resolveLink(
  value: string,
  expected: string,
  ctx: Ctx,
  registered: Set<string>,
): { id: number } | { error: MessageKey } {
  let path = value;
  if (/^https?:\/\//i.test(value)) {
    try {
      path = new URL(value).pathname;
    } catch {
      return { error: 'noMatch' };
    }
  }
  const match = /^\/rest\/([^/]+)\/(?:([^/]+)\/)?$/.exec(path);
  if (!match?.[1] || !registered.has(match[1])) return { error: 'noMatch' };
  if (match[1] !== expected || match[2] === undefined) return { error: 'incorrectMatch' };
  const id = Number(match[2]);
  const rows: { id: number }[] =
    expected === 'users'
      ? ctx.state.users
      : expected === 'types'
        ? ctx.state.types
        : ctx.state.sites;
  return rows.some((r) => r.id === id) ? { id } : { error: 'doesNotExist' };
}

export type Validated =
  | { ok: true; video: Omit<PodSimVideo, 'id' | 'slug' | 'fileName' | 'dateAdded'> }
  | { ok: false; errors: Record<string, string[]> };

/** DRF's validation of the video form; `registered` names the routes this Pod has. */
export function validateVideoForm(
  form: ReceivedForm,
  ctx: Ctx,
  registered: Set<string>,
): Validated {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, key: MessageKey) => {
    errors[field] = [say(key, ctx.lang)];
  };
  const first = (name: string) => form.fields.get(name)?.[0];
  const linkOf = (field: string, route: string): number | null => {
    const value = first(field);
    if (value === undefined || value === '') {
      fail(field, 'required');
      return null;
    }
    const resolved = resolveLink(value, route, ctx, registered);
    if ('error' in resolved) {
      fail(field, resolved.error);
      return null;
    }
    return resolved.id;
  };

  // Fields in the serializer's order, so the error object reads as DRF's does.
  if (!form.file) fail('video', 'noFile');
  else if (form.file.size === 0) fail('video', 'emptyFile');
  const title = first('title');
  if (title === undefined) fail('title', 'required');
  else if (title.trim() === '') fail('title', 'blank');
  else if (title.length > 250) fail('title', 'titleTooLong');
  const ownerId = linkOf('owner', 'users');
  const dateEvt = first('date_evt');
  if (dateEvt && !/^\d{4}-\d{2}-\d{2}$/.test(dateEvt)) fail('date_evt', 'invalidDate');
  // An absent checkbox in an HTML form is false: Pod makes the video public (issue #11).
  const draft = first('is_draft') ?? 'false';
  const isDraft = /^(true|1|on|yes)$/i.test(draft);
  if (!isDraft && !/^(false|0|off|no|)$/i.test(draft)) fail('is_draft', 'invalidBoolean');
  const typeId = linkOf('type', 'types');
  const siteValues = (form.fields.get('sites') ?? []).filter((s) => s !== '');
  const siteIds: number[] = [];
  if (siteValues.length === 0) fail('sites', 'emptyList');
  for (const value of siteValues) {
    const resolved = resolveLink(value, 'sites', ctx, registered);
    if ('error' in resolved) {
      fail('sites', resolved.error);
      break;
    }
    siteIds.push(resolved.id);
  }
  if (Object.keys(errors).length > 0 || !form.file || ownerId === null || typeId === null)
    return { ok: false, errors };
  return {
    ok: true,
    video: {
      title: title ?? '',
      description: first('description') ?? '',
      ownerId,
      typeId,
      siteIds,
      isDraft,
      // Video.date_evt defaults to date.today; an empty value is null.
      dateEvt: dateEvt === undefined ? new Date().toISOString().slice(0, 10) : dateEvt || null,
      fileSize: form.file.size,
      fileSha256: form.file.sha256,
      encodingInProgress: false,
      encoded: false,
      step: '',
    },
  };
}

/** Pod's get_storage_path_video: `<slugified base>.<ext>` in the owner's hashkey folder. */
export const storedName = (clientName: string): string => {
  const ext = extname(clientName);
  return `${slugify(clientName.slice(0, clientName.length - ext.length))}${ext}`;
};

/** Moves a kept upload to `<uploadDir>/<hashkey>/<name>` (a suffix when the name is taken). */
export function keepFile(file: ReceivedFile, uploadDir: string, hashkey: string, name: string) {
  if (!file.tempPath) return undefined;
  const dir = join(uploadDir, hashkey);
  mkdirSync(dir, { recursive: true });
  const ext = extname(name);
  const suffixed = `${name.slice(0, name.length - ext.length)}_${randomBytes(4).toString('hex')}${ext}`;
  const path = join(dir, existsSync(join(dir, name)) ? suffixed : name);
  renameSync(file.tempPath, path);
  return path;
}

export const routeNames = (live: boolean, meeting: boolean): Set<string> =>
  new Set(
    resources
      .filter((r) => (r.app === 'live' ? live : r.app === 'meeting' ? meeting : true))
      .map((r) => r.name),
  );

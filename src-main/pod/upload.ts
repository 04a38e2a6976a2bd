import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { UploadBody } from './http';

export interface UploadFile {
  field: string;
  path: string;
  /** The name Pod stores the file under. */
  name: string;
  size: number;
  contentType: string;
}

/** A header value inside quotes (RFC 7578 §4.2: quotes escaped, no line breaks). */
const quoted = (value: string) => value.replace(/"/g, '%22').replace(/[\r\n]+/g, ' ');

/**
 * A multipart/form-data body streamed from disk (issue #11 §3: never read whole): the text
 * fields, then the file in 1 MB reads, with its length known up front so the web server in front
 * of Pod can refuse a too large file (413) before a byte of it is sent. `onBytes` gets the file
 * bytes sent so far. A file that changes size while it is read fails the upload rather than send
 * something else than what was checked.
 */
export function multipartBody(
  fields: readonly [name: string, value: string][],
  file: UploadFile,
  onBytes?: (sent: number) => void,
): UploadBody {
  const boundary = `----RegieFormBoundary${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    fields
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
      )
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.name)}"\r\n` +
      `Content-Type: ${file.contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield head;
    let sent = 0;
    for await (const chunk of createReadStream(file.path, { highWaterMark: 1024 * 1024 })) {
      const buffer = chunk as Buffer;
      sent += buffer.length;
      if (sent > file.size) break;
      yield buffer;
      onBytes?.(sent);
    }
    if (sent !== file.size)
      throw Object.assign(
        new Error(
          `${file.path} changed while it was sent (${String(sent)} bytes read, ${String(file.size)} expected)`,
        ),
        { code: 'FILE_CHANGED' },
      );
    yield tail;
  }
  return {
    length: head.length + file.size + tail.length,
    contentType: `multipart/form-data; boundary=${boundary}`,
    chunks: chunks(),
  };
}

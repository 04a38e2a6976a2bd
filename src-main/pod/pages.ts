import { runPool } from '../ground/pool';
import type { PodClient } from './http';

interface Page {
  count?: unknown;
  next?: unknown;
  results?: unknown;
}

export interface WalkOptions {
  /** Pages fetched at once once `count` is known. */
  concurrency: number;
  signal?: AbortSignal;
  /** Each page's rows, as they arrive (not in page order). */
  onRows(rows: unknown[]): void;
}

const asPage = (body: unknown, path: string): Page => {
  if (body === null || typeof body !== 'object' || !Array.isArray((body as Page).results))
    throw new Error(`${path} did not answer a page of results`);
  return body as Page;
};

/**
 * Every row of a paginated list (reference/pod-behaviour.md §7.1: pages of 12, `?page=N`,
 * `page_size` ignored). Page 1 gives `count` and the page size; pages 2…N are then fetched
 * `concurrency` at a time; and the last page's `next` is followed to the end, since rows added
 * during the walk push the list past the count read at its start. Rows shifted across pages by
 * such additions may come twice: callers key them by id. Returns the number of pages read.
 */
export async function walkPages(
  client: PodClient,
  path: string,
  options: WalkOptions,
): Promise<number> {
  const first = asPage(await client.get(path, options.signal), path);
  const rows = first.results as unknown[];
  options.onRows(rows);
  const count = typeof first.count === 'number' ? first.count : undefined;
  if (typeof first.next !== 'string') return 1;
  if (count === undefined || rows.length === 0) return 1 + (await follow(first.next));
  const pages = Math.ceil(count / rows.length);
  const numbers = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
  let lastNext: unknown = null;
  await runPool(numbers, options.concurrency, options.signal, async (page, signal) => {
    const body = asPage(await client.get(withPage(path, page), signal), path);
    options.onRows(body.results as unknown[]);
    if (page === pages) lastNext = body.next;
  });
  return pages + (typeof lastNext === 'string' ? await follow(lastNext) : 0);

  async function follow(next: string): Promise<number> {
    let link: unknown = next;
    let read = 0;
    while (typeof link === 'string') {
      const body = asPage(await client.get(link, options.signal), path);
      options.onRows(body.results as unknown[]);
      link = body.next;
      read++;
    }
    return read;
  }
}

const withPage = (path: string, page: number): string => {
  const url = new URL(path, 'http://x');
  url.searchParams.set('page', String(page));
  return url.pathname + url.search;
};

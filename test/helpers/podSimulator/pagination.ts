/**
 * DRF's PageNumberPagination as Pod configures it (PAGE_SIZE 12, `?page=N`, no `page_size`:
 * ../shared/reference/pod-behaviour.md §7.1). Its `next`/`previous` links are the request's
 * absolute URL with `page` replaced, and DRF re-encodes the query sorted by name
 * (rest_framework.utils.urls.replace_query_param); page 1 is written without `page`.
 */

export const pageSize = 12;

export type Page<T> =
  | {
      ok: true;
      body: { count: number; next: string | null; previous: string | null; results: T[] };
    }
  | { ok: false };

function withPage(requestUrl: URL, page: number): string {
  const params = new URLSearchParams(requestUrl.search);
  params.delete('page');
  if (page > 1) params.set('page', String(page));
  params.sort();
  const query = params.toString();
  return `${requestUrl.origin}${requestUrl.pathname}${query ? `?${query}` : ''}`;
}

/** One page of `items`, or `ok: false` for a page that does not exist ("Page non valide."). */
export function paginate<T>(items: readonly T[], requestUrl: URL): Page<T> {
  const raw = requestUrl.searchParams.get('page');
  // DRF also accepts 'last'; a page past the end, 0 or a non-number is invalid.
  const lastPage = Math.max(1, Math.ceil(items.length / pageSize));
  const page = raw === null ? 1 : raw === 'last' ? lastPage : /^\d+$/.test(raw) ? Number(raw) : 0;
  if (page < 1 || page > lastPage) return { ok: false };
  return {
    ok: true,
    body: {
      count: items.length,
      next: page < lastPage ? withPage(requestUrl, page + 1) : null,
      previous: page > 1 ? withPage(requestUrl, page - 1) : null,
      results: items.slice((page - 1) * pageSize, page * pageSize),
    },
  };
}

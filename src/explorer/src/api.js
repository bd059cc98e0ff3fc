// The public API over fetch, as any client would use it: relative /v1 URLs on this origin, pages of `limit` records
// followed through links.next (cursors), and conditional requests that send back the ETag a response carried.

const PAGE_LIMIT = 100;
// A walk stops here: the explorer is for looking, and a corpus of 100,000 records would cost 1,000 requests.
const MAX_PAGES = 10;

const known = new Map(); // URL -> { etag, body } of its last 200
export const traffic = { requests: 0, notModified: 0 };

/** An answer other than 200 or 304, with the problem's detail (RFC 9457) when the API sent one. */
export class ApiError extends Error {
  constructor(url, status, problem, retryAfter) {
    const detail = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
    super(status === 429 ? `Too many requests: try again in ${retryAfter ?? 'a few'} seconds. (${detail})` : detail);
    this.url = url;
    this.status = status;
  }
}

/** A query string in the order given; lists repeat the parameter (the API's OR); empty values are left out. */
export function url(path, parameters = {}) {
  const pairs = [];
  for (const [name, value] of Object.entries(parameters)) {
    for (const one of [value].flat()) {
      if (one == null || one === '') continue;
      // Commas stay readable: the API's fields, expand and facets are comma lists.
      pairs.push(`${name}=${encodeURIComponent(one).replace(/%2C/gi, ',')}`);
    }
  }
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

/**
 * GETs JSON. The first time, the browser's HTTP cache may answer (Cache-Control: max-age=60). Again (revalidate),
 * the request carries If-None-Match with the ETag of the last answer, and a 304 Not Modified reuses its body.
 */
export async function getJson(target, { revalidate = false } = {}) {
  const previous = known.get(target);
  const headers = { Accept: 'application/json' };
  if (revalidate && previous?.etag) headers['If-None-Match'] = previous.etag;
  traffic.requests++;
  const response = await fetch(target, { headers });
  if (response.status === 304 && previous) {
    traffic.notModified++;
    return previous.body;
  }

  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(target, response.status, problem, response.headers.get('Retry-After'));
  }

  const body = await response.json();
  known.set(target, { etag: response.headers.get('ETag'), body });
  return body;
}

/**
 * Every record of a list: the first page with limit (100 unless the page was opened with ?limit=), then each
 * links.next, up to MAX_PAGES. Returns the records, the first page's meta, its URL and whether records were left.
 */
export async function getAll(path, parameters = {}, options = {}) {
  const request = url(path, { ...parameters, limit: options.limit ?? PAGE_LIMIT });
  let next = request;
  const data = [];
  let meta = null;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const body = await getJson(next, options);
    meta ??= body.meta;
    data.push(...body.data);
    next = body.links.next;
  }

  return { data, meta, request, truncated: next != null };
}

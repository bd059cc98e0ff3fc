// The page's state lives in its URL, so that a view can be shared (a permalink):
//   /explore?place=rafiqui-air-base&status=unverified&select=claims/2025-05-10-cruise-missiles-intercepted-at-rafiqui
// country, place, status, eventKind and q are the claims board's filters, sent to /v1/claims as they are;
// select is the record shown in the details (its collection and id, as in its API path); limit (1 to 100) is the
// page size of every list request, to watch the cursors at work (?limit=4).

export const FILTERS = ['country', 'place', 'status', 'eventKind', 'q'];
export const SELECTABLE = ['readouts', 'claims', 'statements', 'places'];

/** The state in a URL's query string. */
export function readState(search = location.search) {
  const query = new URLSearchParams(search);
  const filters = Object.fromEntries(FILTERS.map(name => [name, (query.get(name) ?? '').trim()]));
  const [collection, ...rest] = (query.get('select') ?? '').split('/');
  const id = rest.join('/');
  const select = SELECTABLE.includes(collection) && id ? { collection, id } : null;
  const limit = Number.parseInt(query.get('limit') ?? '', 10);
  return { filters, select, limit: limit >= 1 && limit <= 100 ? limit : null };
}

/** The page's URL for a state: only what differs from the default is in it. */
export function stateUrl(state) {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    if (state.filters[name]) query.set(name, state.filters[name]);
  }

  if (state.select) query.set('select', `${state.select.collection}/${state.select.id}`);
  if (state.limit) query.set('limit', String(state.limit));
  const text = query.toString().replace(/%2F/g, '/');
  return location.pathname + (text ? `?${text}` : '');
}

/** Records a state in the address bar: a new history entry (Back returns to the last view), or in place. */
export function saveState(state, { replace = false } = {}) {
  const target = stateUrl(state);
  if (target === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
}

export const sameSelection = (a, b) => a?.collection === b?.collection && a?.id === b?.id;

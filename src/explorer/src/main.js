// The explorer: loads the data from the public API (six lists, each followed through its cursors), draws the
// timeline, the map and the claims board, and keeps the view in the page's URL.
import { getAll, traffic } from './api.js';
import { fillFilters, readFilters, renderBoard, showFilters } from './board.js';
import { renderDetails } from './details.js';
import { debounce, fill, h } from './dom.js';
import { outlines, renderMap } from './map.js';
import { Records, TYPES } from './records.js';
import { FILTERS, readState, saveState, stateUrl } from './state.js';
import { renderTimeline } from './timeline.js';

const $ = selector => document.querySelector(selector);
const ui = {
  status: $('#status'), error: $('#error'), legend: $('#legend'), timeline: $('#timeline'), details: $('#details'),
  map: $('#map'), unlocated: $('#unlocated'), filters: $('#filters'), summary: $('#board-summary'), board: $('#board'),
};
const CLAIMS = { expand: 'claimant,onBehalfOf,places,sources' };

let state = readState();
let data = null;
let records = null;
let views = { timeline: null, map: null };
let boardRun = 0;

const keyOf = selection => (selection ? `${selection.collection}/${selection.id}` : null);

/** Every list the page shows, as an app would ask for it: 100 a page (or ?limit=), links expanded in the same request. */
async function load(revalidate = false) {
  const options = { limit: state.limit ?? undefined, revalidate };
  const [timeline, readouts, claims, statements, places, countries] = await Promise.all([
    getAll('/v1/timeline', {}, options),
    getAll('/v1/readouts', { expand: 'issuer,participants.person,sources' }, options),
    getAll('/v1/claims', { ...CLAIMS, facets: 'country,place,status,eventKind' }, options),
    getAll('/v1/statements', { expand: 'speaker,sources' }, options),
    getAll('/v1/places', { expand: 'sources' }, options),
    getAll('/v1/countries', {}, options),
  ]);
  return { timeline, readouts, claims, statements, places, countries };
}

async function render() {
  records = new Records(Object.fromEntries(Object.entries(data).map(([name, result]) => [name, result.data])));
  const entries = records.entries();
  renderLegend(entries);
  views.timeline = renderTimeline(ui.timeline, entries, { records, selected: keyOf(state.select), onSelect: select });
  fillFilters(ui.filters, records, data.claims.meta.facets);
  showFilters(ui.filters, state.filters);
  views.map?.remove();
  const claimCounts = new Map((data.claims.meta.facets?.place ?? []).map(f => [f.value, f.count]));
  views.map = await renderMap(ui.map, ui.unlocated, records.places, { records, onSelect: select, onFilter: filterByPlace, claimCounts });
  await loadBoard();
  showSelection();
}

function renderLegend(entries) {
  const codes = [...new Set(entries.map(e => e.country))].sort((a, b) => records.countryName(a).localeCompare(records.countryName(b)));
  fill(ui.legend,
    h('ul', { class: 'legend-list', 'aria-label': 'Colours: countries' }, codes.map(code =>
      h('li', {}, h('span', { class: `swatch ${records.countryClass(code)}`, 'aria-hidden': 'true' }), records.countryName(code)))),
    h('ul', { class: 'legend-list', 'aria-label': 'Marks: types' }, TYPES.map(t =>
      h('li', {}, h('span', { class: `glyph type-${t.type}`, 'aria-hidden': 'true' }), t.one))));
}

/** The claims for the board's filters: the loaded list when there is none, else the API's answer to them. */
async function loadBoard() {
  const run = ++boardRun;
  const filters = Object.fromEntries(FILTERS.map(name => [name, state.filters[name]]));
  const filtered = FILTERS.some(name => filters[name]);
  ui.board.setAttribute('aria-busy', 'true');
  try {
    const result = filtered ? await getAll('/v1/claims', { ...filters, ...CLAIMS }, { limit: state.limit ?? undefined }) : data.claims;
    if (run !== boardRun) return;
    renderBoard(ui.board, ui.summary, result, {
      records, total: data.claims.meta.total, request: result.request, selected: keyOf(state.select), onSelect: select,
    });
  } catch (error) {
    if (run !== boardRun) return;
    fill(ui.summary, `The API refused these filters: ${error.message}`);
    fill(ui.board);
  } finally {
    if (run === boardRun) ui.board.removeAttribute('aria-busy');
  }
}

function select(key) {
  const [collection, ...id] = key.split('/');
  state = { ...state, select: { collection, id: id.join('/') } };
  saveState(state);
  showSelection();
  const box = ui.details.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight - 80) ui.details.scrollIntoView({ block: 'start' });
}

function showSelection() {
  const key = keyOf(state.select);
  renderDetails(ui.details, state.select, records, { selectPlace: id => select(`places/${id}`), filterByPlace });
  views.timeline?.select(key);
  views.map?.select(key);
  for (const row of ui.board.querySelectorAll('tr[data-key]')) {
    const on = row.dataset.key === key;
    row.classList.toggle('selected', on);
    row.querySelector('button.claim-text')?.toggleAttribute('aria-current', on);
  }
}

function setFilters(filters, { replace = false } = {}) {
  state = { ...state, filters };
  saveState(state, { replace });
  return loadBoard();
}

function filterByPlace(id) {
  const filters = Object.fromEntries(FILTERS.map(name => [name, name === 'place' ? id : '']));
  showFilters(ui.filters, filters);
  setFilters(filters);
  $('#board-heading').scrollIntoView({ block: 'start' });
  $('#board-heading').focus({ preventScroll: true });
}

function showStatus(prefix) {
  const { meta } = data.timeline;
  const truncated = Object.values(data).some(result => result.truncated) ? ' Some lists were cut at 10 pages.' : '';
  ui.status.textContent = `${prefix} Data version ${meta.dataVersion}: ${data.timeline.data.length} timeline entries, ` +
    `${data.claims.meta.total} claims, ${data.places.meta.total} places.${truncated}`;
}

function showError(error) {
  ui.error.hidden = false;
  ui.error.textContent = `The API could not be read: ${error.message}`;
}

function wire() {
  const apply = () => setFilters(readFilters(ui.filters));
  ui.filters.addEventListener('change', event => { if (event.target.tagName === 'SELECT') apply(); });
  ui.filters.elements.q.addEventListener('input', debounce(() => setFilters(readFilters(ui.filters), { replace: true }), 400));
  ui.filters.addEventListener('submit', event => { event.preventDefault(); apply(); });
  ui.filters.addEventListener('reset', () => setTimeout(apply));
  window.addEventListener('popstate', () => {
    const previous = state;
    state = readState();
    showFilters(ui.filters, state.filters);
    if (FILTERS.some(name => previous.filters[name] !== state.filters[name])) loadBoard();
    showSelection();
  });
  $('#copy-link').addEventListener('click', async () => {
    const link = new URL(stateUrl(state), location.href).href;
    try {
      await navigator.clipboard.writeText(link);
      ui.status.textContent = `Link copied: ${link}`;
    } catch {
      ui.status.textContent = `Copy this link: ${link}`;
    }
  });
  $('#refresh').addEventListener('click', refresh);
}

/** Asks again with If-None-Match: a 304 Not Modified for each list whose data has not changed. */
async function refresh() {
  const before = { ...traffic };
  const version = data.timeline.meta.dataVersion;
  try {
    data = await load(true);
    if (data.timeline.meta.dataVersion !== version) await render();
    const asked = traffic.requests - before.requests;
    const same = traffic.notModified - before.notModified;
    showStatus(`Checked: ${same} of ${asked} requests answered 304 Not Modified.`);
  } catch (error) {
    showError(error);
  }
}

async function start() {
  wire();
  outlines().catch(() => {}); // a failure shows when the map is drawn
  try {
    data = await load();
    await render();
    showStatus(`Loaded in ${traffic.requests} API requests.`);
  } catch (error) {
    ui.status.textContent = 'Not loaded.';
    showError(error);
  }
}

start();

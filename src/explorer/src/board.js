// The claims board: the claims the API returns for the filters (country, place, status, eventKind, q: the API's own
// parameters, sent as they are), with claimant and the organization they speak for, channel, places, event kinds and
// verification status.
import { fill, h, hidden } from './dom.js';
import { EVENT_KINDS, STATUSES, actorName, words } from './records.js';
import { FILTERS } from './state.js';

/** Fills the filters' options: countries and places from the API, the vocabularies, counts from the facets. */
export function fillFilters(form, records, facets) {
  const count = (name, value) => facets?.[name]?.find(f => f.value === value)?.count ?? 0;
  const options = {
    country: records.countries.map(c => [c.code, `${c.name} (${count('country', c.code)})`]),
    place: records.places.map(p => [p.id, `${p.name}${p.aliases.length ? `, also ${p.aliases[0]}` : ''} (${count('place', p.id)})`]),
    status: STATUSES.map(s => [s, `${s} (${count('status', s)})`]),
    eventKind: EVENT_KINDS.map(k => [k, `${words(k)} (${count('eventKind', k)})`]),
  };
  for (const [name, list] of Object.entries(options)) {
    fill(form.elements[name], h('option', { value: '' }, 'Any'), list.map(([value, label]) => h('option', { value }, label)));
  }
}

/** Puts filter values into the form. A value the options lack (an alias from a shared link) gets an option of its own. */
export function showFilters(form, filters) {
  for (const name of FILTERS) {
    const field = form.elements[name];
    const value = filters[name] ?? '';
    if (field.tagName === 'SELECT' && value && ![...field.options].some(o => o.value === value)) {
      field.append(h('option', { value }, `${value} (as given)`));
    }

    field.value = value;
  }
}

/** The filters in the form. */
export function readFilters(form) {
  return Object.fromEntries(FILTERS.map(name => [name, form.elements[name].value.trim()]));
}

/** Shows a result: the claims, how many of all, and the API request that gave them. */
export function renderBoard(table, summary, result, { records, total, request, selected, onSelect }) {
  const shown = result.data.length;
  fill(summary,
    `${result.meta.total} of ${total} claims`,
    shown < result.meta.total ? ` (the first ${shown} shown)` : '',
    ' · ', h('a', { href: request }, 'the same as JSON'), h('span', { class: 'muted' }, ` (GET ${request})`));
  if (shown === 0) {
    return fill(table, h('p', { class: 'empty' }, 'No claim matches these filters.'));
  }

  const head = ['Claim', 'Claimant', 'Channel', 'Places', 'Event kinds', 'Status'];
  return fill(table, h('table', { class: 'claims' },
    h('caption', { class: 'sr-only' }, 'Claims matching the filters'),
    h('thead', {}, h('tr', {}, head.map(label => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, result.data.map(claim => row(claim, records, selected, onSelect)))));
}

function row(claim, records, selected, onSelect) {
  const key = `claims/${claim.id}`;
  const cell = (label, ...content) => h('td', { dataset: { label } }, content);
  return h('tr', { dataset: { key }, class: key === selected ? 'selected' : null },
    cell('Claim',
      h('button', { type: 'button', class: 'link claim-text', onclick: () => onSelect(key), 'aria-current': key === selected ? 'true' : null }, claim.text),
      claim.quote ? h('blockquote', {}, claim.quote) : null,
      h('span', { class: 'muted' }, claim.date)),
    cell('Claimant',
      actorName(claim.claimant),
      claim.onBehalfOf ? h('span', { class: 'on-behalf' }, `for ${actorName(claim.onBehalfOf)}`) : null),
    cell('Channel', words(claim.channel) || h('span', { class: 'muted' }, 'not given')),
    cell('Places', claim.places.length
      ? h('ul', { class: 'plain' }, claim.places.map(p => h('li', {},
        p.nameAsReported ?? records.placeName(p.id),
        p.nameAsReported && p.nameAsReported !== records.placeName(p.id) ? h('span', { class: 'muted' }, ` (${records.placeName(p.id)})`) : null,
        p.relation === 'near' ? h('span', { class: 'muted' }, ' near') : null)))
      : h('span', { class: 'muted' }, 'none')),
    cell('Event kinds', claim.eventKinds.map(words).join(', ')),
    cell('Status', h('span', { class: `status status-${claim.verification.status}` }, claim.verification.status),
      claim.verification.reviewer ? hidden(` by ${claim.verification.reviewer}`) : null));
}

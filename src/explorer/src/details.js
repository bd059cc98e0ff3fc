// The details panel: one readout, claim, statement or place, with its quotes, people, places and sources, and links to
// its JSON record.
import { fill, h } from './dom.js';
import { actorCountry, actorName, words } from './records.js';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const fieldWords = name => name.replace(/[A-Z]/g, c => ` ${c.toLowerCase()}`);
const longDate = text => (text ? dateFormat.format(new Date(`${text}T00:00:00Z`)) : 'date not given');

/** Shows a record (or the hint when there is none). actions: selectPlace(id), filterByPlace(id). */
export function renderDetails(panel, selection, records, actions) {
  const record = selection ? records.get(selection.collection, selection.id) : null;
  const heading = h('h2', { id: 'details-heading' }, 'Details');
  if (!selection) {
    return fill(panel, heading, h('p', { class: 'hint' }, 'Select an entry of the timeline, a place or a claim to see its quotes, people, places and sources.'));
  }

  if (!record) {
    return fill(panel, heading, h('p', { class: 'hint' }, `No ${selection.collection.replace(/s$/, '')} "${selection.id}" in the data.`));
  }

  const country = records.countryOf(selection.collection, record);
  const body = {
    readouts: () => readout(record, records),
    claims: () => claim(record, records, actions),
    statements: () => statement(record),
    places: () => place(record, records, actions),
  }[selection.collection]();
  const jsonLinks = [h('a', { href: record.links.self }, 'JSON record')];
  if (selection.collection === 'claims') jsonLinks.push(' · ', h('a', { href: `${record.links.self}?format=jsonld` }, 'as ClaimReview (JSON-LD)'));
  return fill(panel, heading,
    h('article', { class: `record ${records.countryClass(country)}`, 'aria-labelledby': 'record-title' },
      h('p', { class: 'kicker' }, kicker(selection.collection, record, records, country)),
      h('h3', { id: 'record-title' }, record.title ?? record.text ?? record.name ?? record.quote),
      body,
      h('p', { class: 'json-links' }, jsonLinks)));
}

function kicker(collection, record, records, country) {
  const type = { readouts: 'Readout', claims: 'Claim', statements: 'Statement', places: words(record.kind) || 'Place' }[collection];
  return [type, record.date ? longDate(record.date) : null, records.countryName(country)].filter(Boolean).join(' · ');
}

function readout(record, records) {
  return [
    facts([
      ['Issuer', actorName(record.issuer)],
      ['Participants', h('ul', {}, record.participants.map(p =>
        h('li', {}, actorName(p.person), `, ${p.role ?? 'role not given'} (${records.countryName(p.country?.id)})`)))],
      ['Topics', record.topics.map(words).join(', ') || 'none'],
    ]),
    h('h4', {}, 'Points'),
    h('ol', { class: 'points' }, record.points.map(point => h('li', {},
      h('p', {}, point.text),
      point.quote ? h('blockquote', {}, point.quote) : null,
      point.wordingOf ? h('p', { class: 'note' }, 'The words of another call: ', h('a', { href: point.wordingOf.href }, point.wordingOf.id)) : null))),
    record.reportedWording ? [h('h4', {}, 'Wording as reported'),
      h('blockquote', {}, record.reportedWording.quote), h('p', { class: 'note' }, record.reportedWording.attribution)] : null,
    sources(record.sources),
    notes(record.notes),
  ];
}

function claim(record, records, actions) {
  const { verification } = record;
  return [
    record.quote ? h('blockquote', {}, record.quote) : null,
    facts([
      ['Claimant', actor(record.claimant, records)],
      ['On behalf of', record.onBehalfOf ? actor(record.onBehalfOf, records) : null],
      ['Channel', words(record.channel) || 'not given'],
      ['Event kinds', record.eventKinds.map(words).join(', ')],
      ['Alleged actors', record.allegedActors.map(c => records.countryName(c.id)).join(', ') || 'none'],
      ['Targets', record.targets.map(c => records.countryName(c.id)).join(', ') || 'none'],
      ['Places', record.places.length ? placeLinks(record.places, records, actions) : 'none'],
      ['Verification', [h('span', { class: `status status-${verification.status}` }, verification.status),
        verification.reviewer ? ` by ${verification.reviewer}` : null,
        verification.note ? h('p', { class: 'note' }, verification.note) : null]],
      ['Inferred', record.inferred.length ? `${record.inferred.map(fieldWords).join(', ')}: read from the context, not stated by a source` : null],
    ]),
    sources(record.sources),
    notes(record.notes),
  ];
}

function statement(record) {
  return [
    facts([['Speaker', actorName(record.speaker)], ['Channel', words(record.channel) || 'not given']]),
    h('blockquote', {}, record.quote),
    sources(record.sources),
    notes(record.notes),
  ];
}

function place(record, records, actions) {
  const { coordinates } = record;
  return [
    facts([
      ['Also known as', record.aliases.length ? h('ul', { class: 'aliases' }, record.aliases.map(a => h('li', {}, a))) : 'no other name'],
      ['Country', records.countryName(record.country?.id)],
      ['Locality', record.locality],
      ['ICAO', record.icao],
      ['Coordinates', coordinates ? `${coordinates.latitude}, ${coordinates.longitude}` : 'not confirmed'],
    ]),
    h('p', {}, h('button', { type: 'button', class: 'link', onclick: () => actions.filterByPlace(record.id) }, 'Show the claims that name it')),
    sources(record.sources),
    notes(record.notes),
  ];
}

function actor(value, records) {
  const country = actorCountry(value);
  return [actorName(value), value?.kind && value.kind !== 'country' ? ` (${value.kind}${country ? `, ${records.countryName(country)}` : ''})` : ''];
}

function placeLinks(places, records, actions) {
  return h('ul', { class: 'plain' }, places.map(p => {
    const name = records.placeName(p.id);
    return h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => actions.selectPlace(p.id) }, p.nameAsReported ?? name),
      p.nameAsReported && p.nameAsReported !== name ? ` (${name})` : null,
      p.relation === 'near' ? ', near it' : null);
  }));
}

function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, value]) => value != null && value !== '').map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function sources(list) {
  if (!list?.length) return null;
  return [h('h4', {}, 'Sources'), h('ul', { class: 'sources' }, list.map(source => h('li', {},
    source.url ? h('a', { href: source.url, rel: 'noopener noreferrer' }, source.title ?? source.url) : (source.title ?? source.id),
    source.publisher ? `, ${source.publisher}` : null,
    source.date ? `, ${longDate(source.date)}` : null,
    ' · ', h('a', { href: source.href ?? source.links?.self, class: 'json' }, 'JSON'))))];
}

function notes(list) {
  return list?.length ? [h('h4', {}, 'Notes'), h('ul', { class: 'notes' }, list.map(note => h('li', {}, note)))] : null;
}

// The map: Leaflet over country outlines shipped with the page (Natural Earth via world-atlas, no tiles, so it works
// offline), a marker for every place with coordinates, and beside it the places without, with their aliases.
import { divIcon, geoJSON, latLngBounds, map as leafletMap, marker } from 'leaflet/dist/leaflet-src.esm.js';
import { feature } from 'topojson-client';
import atlasUrl from 'world-atlas/countries-50m.json';
import { fill, h } from './dom.js';

// Natural Earth names a few countries otherwise than the API does.
const ATLAS_NAMES = { 'United States': 'United States of America' };
let atlas = null;

/** The country outlines (fetched once; call early to load them while the API answers). */
export async function outlines() {
  atlas ??= fetch(atlasUrl).then(response => {
    if (!response.ok) throw new Error(`The map's outlines did not load (HTTP ${response.status}).`);
    return response.json();
  }).then(topology => feature(topology, topology.objects.countries));
  return atlas;
}

/**
 * Draws the places. options: records (Records), onSelect(key), onFilter(placeId), claimCounts (place id -> claims).
 * Returns select(key), which marks the selected place.
 */
export async function renderMap(container, list, places, { records, onSelect, onFilter, claimCounts }) {
  const located = places.filter(p => p.coordinates);
  fill(list, places.filter(p => !p.coordinates).map(p => unlocatedItem(p, records, onSelect, onFilter, claimCounts)));

  // A view first: Leaflet draws a layer only on a map that has one.
  const map = leafletMap(container, { zoomSnap: 0.5, minZoom: 1, maxZoom: 10, worldCopyJump: false, attributionControl: true })
    .setView([25, 70], 3);
  map.attributionControl.setPrefix('<a href="/explore/licenses.txt">Leaflet</a>');
  map.attributionControl.addAttribution('Outlines: <a href="/explore/licenses.txt">Natural Earth</a>');

  const countryCodes = new Set(places.map(p => p.country?.id).filter(Boolean));
  const names = new Map(records.countries.map(c => [ATLAS_NAMES[c.name] ?? c.name, c.code]));
  const land = geoJSON(await outlines(), {
    interactive: false,
    style: f => {
      const code = names.get(f.properties.name);
      const classes = code ? [records.countryClass(code), 'land-data', countryCodes.has(code) ? 'land-places' : ''] : [];
      return { className: ['land', ...classes].join(' ').trim() };
    },
  }).addTo(map);

  const markers = located.map(p => {
    const label = `${p.name} (${p.kind.replaceAll('-', ' ')}, ${records.countryName(p.country?.id)})`;
    const m = marker([p.coordinates.latitude, p.coordinates.longitude], {
      icon: divIcon({ className: `place-marker ${records.countryClass(p.country?.id)}`, iconSize: [18, 18] }),
      title: label,
      keyboard: true,
    }).addTo(map);
    const element = m.getElement();
    element.setAttribute('aria-label', label);
    element.dataset.place = p.id;
    m.bindTooltip(p.name, { permanent: true, direction: 'auto', offset: [10, 0], className: 'place-label' });
    m.on('click', () => onSelect(`places/${p.id}`));
    // Leaflet makes the marker a focusable role=button; a button also answers Enter and Space.
    element.addEventListener('keydown', event => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      onSelect(`places/${p.id}`);
    });
    return m;
  });

  // The view: the countries the places are in, and every marker.
  const bounds = latLngBounds([]);
  land.eachLayer(layer => {
    if (countryCodes.has(names.get(layer.feature.properties.name))) bounds.extend(layer.getBounds());
  });
  for (const m of markers) bounds.extend(m.getLatLng());
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 7 });

  return {
    select(key) {
      for (const m of markers) m.getElement().classList.toggle('selected', key === `places/${m.getElement().dataset.place}`);
      for (const item of list.querySelectorAll('[data-place]')) item.classList.toggle('selected', key === `places/${item.dataset.place}`);
    },
    remove: () => map.remove(),
  };
}

function unlocatedItem(p, records, onSelect, onFilter, claimCounts) {
  const claims = claimCounts.get(p.id) ?? 0;
  return h('li', { dataset: { place: p.id } },
    h('button', { type: 'button', class: 'link place-name', onclick: () => onSelect(`places/${p.id}`) }, p.name),
    h('span', { class: 'muted' }, ` · ${p.kind.replaceAll('-', ' ')}, ${records.countryName(p.country?.id)}`),
    p.aliases.length ? h('ul', { class: 'aliases' }, p.aliases.map(a => h('li', {}, a))) : null,
    claims ? h('button', { type: 'button', class: 'link claims-of', onclick: () => onFilter(p.id) },
      `${claims} claim${claims === 1 ? '' : 's'}`, h('span', { class: 'sr-only' }, ` naming ${p.name}`)) : null);
}

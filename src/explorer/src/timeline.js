// The timeline: a time axis of equal intervals (days, or weeks, months, years over a longer span; d3-time's calendar),
// one row per type, each entry a button coloured by its country. Dates in the data are days: an interval holds the
// entries of its days, and an empty interval keeps its column, so that gaps in time show.
import { utcDay, utcMonth, utcWeek, utcYear } from 'd3-time';
import { utcFormat } from 'd3-time-format';
import { fill, h, hidden } from './dom.js';
import { TYPES } from './records.js';

const MAX_COLUMNS = 8;
const SCALES = [
  { interval: utcDay, format: utcFormat('%a %-d %b %Y') },
  { interval: utcWeek, format: utcFormat('week of %-d %b %Y') },
  { interval: utcMonth, format: utcFormat('%B %Y') },
  { interval: utcYear, format: utcFormat('%Y') },
];

const day = text => new Date(`${text}T00:00:00Z`);

/** The intervals that cover the entries' dates: the finest calendar unit that needs at most MAX_COLUMNS columns. */
export function axis(entries) {
  if (entries.length === 0) return { columns: [], format: SCALES[0].format };
  const dates = entries.map(e => day(e.date));
  const first = new Date(Math.min(...dates));
  const last = new Date(Math.max(...dates));
  const scale = SCALES.find(s => s.interval.count(s.interval.floor(first), last) < MAX_COLUMNS) ?? SCALES.at(-1);
  const starts = scale.interval.range(scale.interval.floor(first), scale.interval.offset(scale.interval.floor(last), 1));
  return { columns: starts.map(start => ({ start, end: scale.interval.offset(start, 1) })), format: scale.format };
}

/**
 * Draws the entries into container. options: records (Records), selected (key or null), onSelect(key).
 * Returns select(key), which marks an entry as the one shown.
 */
export function renderTimeline(container, entries, { records, selected, onSelect }) {
  const { columns, format } = axis(entries);
  const cell = (type, column) => entries.filter(e => e.type === type && day(e.date) >= column.start && day(e.date) < column.end);
  const buttons = [];
  const entryButton = entry => {
    const button = h('button', {
      type: 'button',
      class: `entry type-${entry.type} ${records.countryClass(entry.country)}`,
      title: entry.summary,
      tabindex: '-1',
      dataset: { key: entry.key },
      onclick: () => onSelect(entry.key),
    },
    h('span', { class: 'entry-country' }, entry.country ?? '–', hidden(` ${records.countryName(entry.country)}, `)),
    h('span', { class: 'entry-summary' }, entry.summary));
    buttons.push(button);
    return h('li', {}, button);
  };

  const head = h('tr', {}, h('td', { class: 'lane-corner' }),
    columns.map(c => h('th', { scope: 'col' }, h('time', { datetime: c.start.toISOString().slice(0, 10) }, format(c.start)))));
  const lanes = TYPES.map(({ type, label }) => {
    const count = entries.filter(e => e.type === type).length;
    return h('tr', { class: `lane lane-${type}` },
      h('th', { scope: 'row' }, h('span', { class: `glyph type-${type}`, 'aria-hidden': 'true' }), label, ' ', h('span', { class: 'count' }, `(${count})`)),
      columns.map(c => {
        const items = cell(type, c);
        return h('td', { dataset: { label: format(c.start) } }, items.length ? h('ul', { class: 'entries' }, items.map(entryButton)) : null);
      }));
  });
  const table = h('table', { class: 'timeline' },
    h('caption', { class: 'sr-only' }, `Timeline: ${entries.length} entries by type and date`),
    h('thead', {}, head), h('tbody', {}, lanes));
  fill(container, table);
  table.addEventListener('keydown', event => move(event, table, buttons, columns.length));

  const select = key => {
    let current = null;
    for (const button of buttons) {
      const on = button.dataset.key === key;
      button.classList.toggle('selected', on);
      if (on) {
        button.setAttribute('aria-current', 'true');
        current = button;
      } else {
        button.removeAttribute('aria-current');
      }
    }

    // One tab stop in the timeline: the selected entry, or the first.
    for (const button of buttons) button.tabIndex = button === (current ?? buttons[0]) ? 0 : -1;
  };
  select(selected);
  return { select };
}

// Arrow keys move in the grid: up and down through a column (across types), left and right to the next column that
// has entries, at the same position or its last; Home and End to the first and last entry.
function move(event, table, buttons, columnCount) {
  const from = event.target.closest('button.entry');
  if (!from) return;
  const columns = Array.from({ length: columnCount }, (_, i) =>
    Array.from(table.querySelectorAll(`tbody tr > td:nth-child(${i + 2}) button.entry`)));
  const column = columns.findIndex(list => list.includes(from));
  const row = columns[column].indexOf(from);
  const across = step => {
    for (let c = column + step; c >= 0 && c < columns.length; c += step) {
      if (columns[c].length) return columns[c][Math.min(row, columns[c].length - 1)];
    }

    return from;
  };
  const target = {
    ArrowDown: columns[column][row + 1] ?? from,
    ArrowUp: columns[column][row - 1] ?? from,
    ArrowRight: across(1),
    ArrowLeft: across(-1),
    Home: buttons[0],
    End: buttons.at(-1),
  }[event.key];
  if (!target) return;
  event.preventDefault();
  from.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

// What the page knows of the data: the records by collection and id, and who or which country each one is about.

// The API's closed vocabularies (docs/api.md, "Records"); the filters offer them all, whether or not a claim has one yet.
export const STATUSES = ['unverified', 'disputed', 'corroborated', 'confirmed', 'refuted'];
export const EVENT_KINDS = ['strike', 'interception', 'damage-assessment', 'retaliation', 'accusation'];
export const TYPES = [
  { type: 'readout', collection: 'readouts', label: 'Readouts', one: 'Readout' },
  { type: 'claim', collection: 'claims', label: 'Claims', one: 'Claim' },
  { type: 'statement', collection: 'statements', label: 'Statements', one: 'Statement' },
];
const PALETTE_SIZE = 6;

export const words = value => (value ?? '').replaceAll('-', ' ');
export const collectionOf = type => TYPES.find(t => t.type === type)?.collection ?? `${type}s`;

/** The data of one load: records by collection and id, the countries and their colours. */
export class Records {
  constructor({ countries, places, readouts, claims, statements, timeline }) {
    this.countries = countries;
    this.places = places;
    this.timeline = timeline;
    this.byKey = new Map();
    for (const [collection, records] of Object.entries({ readouts, claims, statements, places })) {
      for (const record of records) this.byKey.set(`${collection}/${record.id}`, record);
    }

    // Colours in the API's order of countries (by name), so that a country keeps its colour from view to view.
    this.colour = new Map(countries.map((country, i) => [country.code, `country-${i % PALETTE_SIZE}`]));
  }

  get(collection, id) {
    return this.byKey.get(`${collection}/${id}`) ?? null;
  }

  countryName(code) {
    return this.countries.find(c => c.code === code)?.name ?? code ?? 'no country';
  }

  countryClass(code) {
    return this.colour.get(code) ?? 'country-none';
  }

  placeName(id) {
    return this.get('places', id)?.name ?? id;
  }

  /** The country a timeline entry or record is about: the claimant's, the speaker's, the other party's to a call. */
  countryOf(collection, record) {
    if (!record) return null;
    if (collection === 'claims') return actorCountry(record.claimant) ?? actorCountry(record.onBehalfOf);
    if (collection === 'statements') return actorCountry(record.speaker);
    if (collection === 'places') return record.country?.id ?? null;
    if (collection === 'readouts') {
      const issuer = actorCountry(record.issuer);
      const others = record.participants.map(p => p.country?.id).filter(code => code && code !== issuer);
      return others[0] ?? issuer;
    }

    return null;
  }

  /** The timeline's entries, oldest first, each with its record's key and country. */
  entries() {
    return this.timeline.map(item => {
      const collection = collectionOf(item.type);
      return { ...item, key: `${collection}/${item.id}`, collection, country: this.countryOf(collection, this.get(collection, item.id)) };
    }).reverse();
  }
}

/** An actor's country: itself when it is one, else the country of the (expanded) person or organization. */
export function actorCountry(actor) {
  if (!actor) return null;
  if (actor.kind === 'country' || actor.type === 'country') return actor.code ?? actor.id;
  return actor.country?.id ?? null;
}

/** An actor's name, when it is expanded; else its id. */
export const actorName = actor => actor?.name ?? actor?.id ?? '';

// Interface strings and number formats in the site's language (set in polku.config.jsonc).

export type Lang = 'en' | 'fi';

const en = {
  skip: 'Skip to content',
  home: 'Home',
  reports: 'Reports',
  dataQuality: 'Data quality',
  methodology: 'Methodology',
  snapshot: 'Snapshot',
  snapshots: 'Snapshots',
  period: 'Period',
  noDates: 'no dates in the data',
  latest: 'Latest snapshot',
  journey: 'Journey',
  journeys: 'Journeys',
  stage: 'Stage',
  touchpoint: 'Touchpoint',
  respondents: 'Respondents',
  ratings: 'Ratings',
  nps: 'NPS',
  csat: 'CSAT (satisfied)',
  ces: 'CES (mean)',
  emotion: 'Emotion (mean)',
  gap: 'Gap to expectation',
  change: 'Change',
  changeSince: 'change since',
  significant: 'significant at 95%',
  notSignificant: 'not significant',
  noPrevious: 'first snapshot',
  suppressed: 'n < {min}',
  suppressedNote: 'Fewer than {min} respondents: not published, to keep respondents anonymous.',
  noFeedback: 'no feedback yet',
  interval: '95% interval',
  file: 'File',
  rowsRead: 'Rows read',
  accepted: 'Accepted',
  rejected: 'Rejected',
  reasons: 'Reasons for rejection',
  lines: 'Lines',
  encoding: 'Encoding',
  warnings: 'Warnings',
  openData: 'Open data',
  total: 'All journeys',
  byChannel: 'By channel',
  bySegment: 'By segment',
  playbooks: 'Playbooks',
  playbook: 'Playbook',
  journeyMap: 'Journey map',
  servicePromise: 'Service promise',
  owner: 'Owner',
  channels: 'Channels',
  target: 'Target',
  expected: 'Expected',
  belowTarget: 'below target',
  meetsTarget: 'meets target',
  belowTargetWarning: 'Below target: customers rate this touchpoint {value} against a target of {target}.',
  whatCustomersSay: 'What customers say now',
  latestFigures: 'Latest figures',
  trend: 'Trend',
  escalation: 'Escalation',
  emotionCurve: 'Emotion curve',
  detractors: 'Detractors',
  passives: 'Passives',
  promoters: 'Promoters',
  noComment: 'No comments can be published for this touchpoint yet.',
  personas: 'Who decides',
  authoring: 'Authoring guide',
  allPlaybooks: 'All playbooks',
  touchpoints: 'Touchpoints',
};


export type StringKey = keyof typeof en;

const fi: Record<StringKey, string> = {
  skip: 'Siirry sisältöön',
  home: 'Etusivu',
  reports: 'Raportit',
  dataQuality: 'Datan laatu',
  methodology: 'Menetelmät',
  snapshot: 'Aineisto',
  snapshots: 'Aineistot',
  period: 'Jakso',
  noDates: 'aineistossa ei päivämääriä',
  latest: 'Uusin aineisto',
  journey: 'Asiakaspolku',
  journeys: 'Asiakaspolut',
  stage: 'Vaihe',
  touchpoint: 'Kosketuspiste',
  respondents: 'Vastaajia',
  ratings: 'Arvioita',
  nps: 'NPS',
  csat: 'CSAT (tyytyväiset)',
  ces: 'CES (keskiarvo)',
  emotion: 'Tunne (keskiarvo)',
  gap: 'Ero odotukseen',
  change: 'Muutos',
  changeSince: 'muutos jaksosta',
  significant: 'merkitsevä 95 %:n tasolla',
  notSignificant: 'ei merkitsevä',
  noPrevious: 'ensimmäinen aineisto',
  suppressed: 'n < {min}',
  suppressedNote: 'Alle {min} vastaajaa: ei julkaista, jotta vastaajat pysyvät tunnistamattomina.',
  noFeedback: 'ei vielä palautetta',
  interval: '95 %:n luottamusväli',
  file: 'Tiedosto',
  rowsRead: 'Luettuja rivejä',
  accepted: 'Hyväksytty',
  rejected: 'Hylätty',
  reasons: 'Hylkäyksen syyt',
  lines: 'Rivit',
  encoding: 'Merkistö',
  warnings: 'Varoitukset',
  openData: 'Avoin data',
  total: 'Kaikki polut',
  byChannel: 'Kanavittain',
  bySegment: 'Asiakasryhmittäin',
  playbooks: 'Toimintaohjeet',
  playbook: 'Toimintaohje',
  journeyMap: 'Polkukartta',
  servicePromise: 'Palvelulupaus',
  owner: 'Vastuu',
  channels: 'Kanavat',
  target: 'Tavoite',
  expected: 'Odotus',
  belowTarget: 'alle tavoitteen',
  meetsTarget: 'tavoitteessa',
  belowTargetWarning: 'Alle tavoitteen: asiakkaiden arvio on {value}, tavoite {target}.',
  whatCustomersSay: 'Mitä asiakkaat sanovat nyt',
  latestFigures: 'Uusimmat luvut',
  trend: 'Kehitys',
  escalation: 'Eskalointi',
  emotionCurve: 'Tunnekäyrä',
  detractors: 'Arvostelijat',
  passives: 'Passiiviset',
  promoters: 'Suosittelijat',
  noComment: 'Tästä kosketuspisteestä ei voi vielä julkaista kommentteja.',
  personas: 'Kuka päättää',
  authoring: 'Kirjoitusohje',
  allPlaybooks: 'Kaikki toimintaohjeet',
  touchpoints: 'Kosketuspisteet',
};


const STRINGS: Record<Lang, Record<StringKey, string>> = { en, fi };

export function translator(lang: Lang) {
  return (key: StringKey, values: Record<string, string | number> = {}) =>
    STRINGS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** Number formats of the site's language: `1 234,5` and `45,2 %` in Finnish. */
export function formatter(lang: Lang) {
  const locale = lang === 'fi' ? 'fi-FI' : 'en-GB';
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (digits: number, style: 'decimal' | 'percent' = 'decimal', sign: 'auto' | 'exceptZero' = 'auto') => {
    const key = `${digits}${style}${sign}`;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, { style, minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: sign })));
    return f;
  };
  return {
    integer: (x: number) => nf(0).format(x),
    decimal: (x: number, digits = 1) => nf(digits).format(x),
    percent: (share: number, digits = 0) => nf(digits, 'percent').format(share),
    /** A change with its sign: +5, −0,3. */
    signed: (x: number, digits = 0) => nf(digits, 'decimal', 'exceptZero').format(x),
    signedPercent: (share: number, digits = 0) => nf(digits, 'percent', 'exceptZero').format(share),
    date: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)),
  };
}

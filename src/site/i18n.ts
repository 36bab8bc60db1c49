// Interface strings and number formats in the site's language (set in polku.config.jsonc).

import type { MeasureLabel } from '../lib/stats/measures.ts';

export type Lang = 'en' | 'fi';

const en = {
  skip: 'Skip to content',
  search: 'Search',
  searchSite: 'Search the site',
  searchLede: 'Type what the customer said, a touchpoint or a stage. Narrow the results by type, journey, stage and channel.',
  searchNeedsJs: 'The search runs in your browser and needs JavaScript. Without it, here is every playbook by journey and stage, for your browser’s Find (Ctrl+F); reports are under Reports in the menu.',
  report: 'Report',
  type: 'Type',
  channel: 'Channel',
  mainNav: 'Main',
  breadcrumb: 'Breadcrumb',
  notFound: 'Page not found',
  notFoundText: 'There is no page at this address. It may have moved when the site was rebuilt with new data.',
  notFoundHelp: 'Try the search, or start from one of these:',
  journeysDescription: 'Customer journeys: their stages, touchpoints and emotion curves.',
  playbooksDescription: 'Playbooks for staff at every touchpoint: the service promise, what good looks like, and what to do when things go wrong.',
  dataQualityDescription: 'How every snapshot file was read: rows read, accepted and rejected with their reasons, and each file’s SHA-256.',
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
  suppressedCells: 'Suppressed cells',
  suppressedByRule: '{primary} with fewer than {min} respondents, {secondary} beside them, {audit} after the audit',
  nps: 'NPS',
  csat: 'CSAT (satisfied)',
  ces: 'CES (mean)',
  cesEasy: 'CES (easy)',
  csatMean: 'CSAT (mean)',
  expectationMean: 'Expectation (mean)',
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
  blankLines: 'blank',
  extraHeaderRows: 'more header rows',
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
  executiveSummary: 'Executive summary',
  momentsOfTruth: 'Moments of truth',
  fallsMost: 'Where the curve falls most',
  furthestBelow: 'Furthest below target',
  separatesMost: 'Separates promoters from detractors most',
  improvements: 'Biggest improvements',
  declines: 'Biggest declines',
  fromTouchpoint: 'from {from}',
  promotersVsDetractors: 'promoters {promoters}, detractors {detractors}',
  comparison: 'Comparison with {previous}',
  compareWithPrevious: 'Compare with the previous snapshot',
  previousValue: 'Previous',
  currentValue: 'Current',
  touchpointReport: 'Touchpoint report',
  trendWindow: 'A trend shows the last {max} snapshots at most.',
  fullSeries: 'Every snapshot’s figures (CSV)',
  allSnapshots: 'All snapshots',
  openPlaybook: 'Open the playbook',
  distribution: 'Distribution',
  answers: 'answers',
  npsGroups: 'Detractors, passives and promoters',
  pdf: 'PDF for printing',
  pdfPage: 'Page {page} of {pages}',
  nothingToReport: 'None in this snapshot.',
};



export type StringKey = keyof typeof en;
// Every measure's label is one of these strings: a new measure without its strings fails to compile.
({}) satisfies Record<Exclude<MeasureLabel, StringKey>, never>;

const fi: Record<StringKey, string> = {
  skip: 'Siirry sisältöön',
  search: 'Haku',
  searchSite: 'Hae sivustolta',
  searchLede: 'Kirjoita, mitä asiakas sanoi, kosketuspiste tai vaihe. Rajaa tuloksia tyypin, polun, vaiheen ja kanavan mukaan.',
  searchNeedsJs: 'Haku toimii selaimessa ja tarvitsee JavaScriptin. Ilman sitä tässä ovat kaikki toimintaohjeet poluittain ja vaiheittain selaimen omaa hakua (Ctrl+F) varten; raportit löydät valikon kohdasta Raportit.',
  report: 'Raportti',
  type: 'Tyyppi',
  channel: 'Kanava',
  mainNav: 'Päävalikko',
  breadcrumb: 'Murupolku',
  notFound: 'Sivua ei löydy',
  notFoundText: 'Tässä osoitteessa ei ole sivua. Se on voinut siirtyä, kun sivusto koottiin uudella aineistolla.',
  notFoundHelp: 'Kokeile hakua tai aloita jostakin näistä:',
  journeysDescription: 'Asiakaspolut: niiden vaiheet, kosketuspisteet ja tunnekäyrät.',
  playbooksDescription: 'Toimintaohjeet henkilöstölle jokaiseen kosketuspisteeseen: palvelulupaus, miltä hyvä näyttää ja mitä tehdä, kun jokin menee pieleen.',
  dataQualityDescription: 'Miten kukin aineistotiedosto luettiin: luetut, hyväksytyt ja hylätyt rivit syineen sekä tiedostojen SHA-256.',
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
  suppressedCells: 'Piilotettuja soluja',
  suppressedByRule: '{primary} alle {min} vastaajan, {secondary} niiden rinnalta, {audit} tarkastuksen jälkeen',
  nps: 'NPS',
  csat: 'CSAT (tyytyväiset)',
  ces: 'CES (keskiarvo)',
  cesEasy: 'CES (helppo)',
  csatMean: 'CSAT (keskiarvo)',
  expectationMean: 'Odotus (keskiarvo)',
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
  blankLines: 'tyhjiä',
  extraHeaderRows: 'muuta otsikkoriviä',
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
  executiveSummary: 'Tiivistelmä',
  momentsOfTruth: 'Totuuden hetket',
  fallsMost: 'Missä käyrä putoaa eniten',
  furthestBelow: 'Kauimpana tavoitteesta',
  separatesMost: 'Erottaa suosittelijat ja arvostelijat eniten',
  improvements: 'Suurimmat parannukset',
  declines: 'Suurimmat heikennykset',
  fromTouchpoint: 'edellisestä: {from}',
  promotersVsDetractors: 'suosittelijat {promoters}, arvostelijat {detractors}',
  comparison: 'Vertailu jaksoon {previous}',
  compareWithPrevious: 'Vertaa edelliseen aineistoon',
  previousValue: 'Edellinen',
  currentValue: 'Nykyinen',
  touchpointReport: 'Kosketuspisteen raportti',
  trendWindow: 'Kehityksessä näkyy enintään {max} viimeisintä aineistoa.',
  fullSeries: 'Kaikkien aineistojen luvut (CSV)',
  allSnapshots: 'Kaikki aineistot',
  openPlaybook: 'Avaa toimintaohje',
  distribution: 'Jakauma',
  answers: 'vastausta',
  npsGroups: 'Arvostelijat, passiiviset ja suosittelijat',
  pdf: 'PDF tulostettavaksi',
  pdfPage: 'Sivu {page}/{pages}',
  nothingToReport: 'Ei tässä aineistossa.',
};



const STRINGS: Record<Lang, Record<StringKey, string>> = { en, fi };

export function translator(lang: Lang) {
  return (key: StringKey, values: Record<string, string | number> = {}) =>
    STRINGS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** Number formats of the site's language: `1 234,5` and `45,2 %` in Finnish. */
export function formatter(lang: Lang) {
  const locale = lang === 'fi' ? 'fi-FI' : 'en-GB';
  const formats = new Map<string, (x: number) => string>();
  // Intl formats take a microsecond each and a site of thousands of pages asks for the same counts
  // and scores again and again: each format remembers what it wrote (bounded).
  const nf = (digits: number, style: 'decimal' | 'percent' = 'decimal', sign: 'auto' | 'exceptZero' = 'auto') => {
    const key = `${digits}${style}${sign}`;
    let format = formats.get(key);
    if (!format) {
      const intl = new Intl.NumberFormat(locale, { style, minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: sign });
      const written = new Map<number, string>();
      format = (x: number) => {
        if (x === 0) return intl.format(x); // a Map takes 0 and -0 for one key; Intl writes them apart
        let text = written.get(x);
        if (text === undefined) {
          text = intl.format(x);
          if (written.size < 50_000) written.set(x, text);
        }
        return text;
      };
      formats.set(key, format);
    }
    return format;
  };
  const integer = nf(0);
  return {
    integer,
    decimal: (x: number, digits = 1) => nf(digits)(x),
    percent: (share: number, digits = 0) => nf(digits, 'percent')(share),
    /** A change with its sign: +5, −0,3. */
    signed: (x: number, digits = 0) => nf(digits, 'decimal', 'exceptZero')(x),
    signedPercent: (share: number, digits = 0) => nf(digits, 'percent', 'exceptZero')(share),
    date: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)),
  };
}

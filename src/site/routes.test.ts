import { describe, expect, it } from 'vitest';
import { inLanguage, languageOf, outlineOf, outputPath, route, sitePaths, translatedPath, withBase } from './routes.ts';

describe('route', () => {
  it('writes every page type', () => {
    expect(route.home()).toBe('/');
    expect(route.report('2026-q1')).toBe('/reports/2026-q1/');
    expect(route.reportJourney('2026-q1', 'electronics-pickup')).toBe('/reports/2026-q1/#electronics-pickup');
    expect(route.compare('2026-q1')).toBe('/reports/2026-q1/compare/');
    expect(route.touchpointReport('2026-q1', 'electronics-pickup', 'pickup-code')).toBe('/reports/2026-q1/electronics-pickup/pickup-code/');
    expect(route.reportPdf('2026-q1')).toBe('/reports/2026-q1/2026-q1.pdf');
    expect(route.playbook('electronics-pickup', 'pickup-code')).toBe('/playbooks/electronics-pickup/pickup-code/');
    expect(route.methodology()).toBe('/methodology/');
    expect(route.methodology('nps')).toBe('/methodology/#nps');
    expect(route.snapshotCsv('2026-q1')).toBe('/data/2026-q1.csv');
    expect(route.touchpointHistoryCsv('electronics-pickup', 'pickup-code')).toBe('/data/history/electronics-pickup/pickup-code.csv');
  });
});

describe('withBase', () => {
  it('puts the base in front, with or without its last slash', () => {
    expect(withBase('/', route.home())).toBe('/');
    expect(withBase('/', route.report('2026-q1'))).toBe('/reports/2026-q1/');
    expect(withBase('/polku/', route.home())).toBe('/polku/');
    expect(withBase('/polku/', route.methodology('nps'))).toBe('/polku/methodology/#nps');
    expect(withBase('/polku', route.snapshotJson('2026-q1'))).toBe('/polku/data/2026-q1.json');
    expect(withBase('http://127.0.0.1:4321/polku/', route.report('2026-q1'))).toBe('http://127.0.0.1:4321/polku/reports/2026-q1/');
  });
});

describe('outputPath', () => {
  it('names the folder or file in the built site', () => {
    expect(outputPath(route.touchpointReport('2026-q1', 'a', 'b'))).toBe('reports/2026-q1/a/b');
    expect(outputPath(route.reportPdf('2026-q1'))).toBe('reports/2026-q1/2026-q1.pdf');
  });
});

describe('sitePaths', () => {
  const model = {
    snapshots: [
      { id: '2025-q4', previous: null, journeys: [] },
      { id: '2026-q1', previous: '2025-q4', journeys: [] },
    ],
    journeys: [{ id: 'returns', stages: [{ touchpoints: [{ id: 'desk' }] }, { touchpoints: [{ id: 'refund' }] }] }],
  };

  it('lists every page and open data file of the site, comparisons only where there is a previous snapshot', () => {
    expect(sitePaths(outlineOf(model)).sort()).toEqual(
      [
        '/', '/reports/', '/journeys/', '/playbooks/', '/methodology/', '/data-quality/', '/authoring/', '/search/',
        '/reports/2025-q4/', '/data/2025-q4.json', '/data/2025-q4.csv',
        '/reports/2025-q4/returns/desk/', '/reports/2025-q4/returns/refund/',
        '/reports/2026-q1/', '/data/2026-q1.json', '/data/2026-q1.csv', '/reports/2026-q1/compare/',
        '/reports/2026-q1/returns/desk/', '/reports/2026-q1/returns/refund/',
        '/journeys/returns/',
        '/playbooks/returns/desk/', '/data/history/returns/desk.csv',
        '/playbooks/returns/refund/', '/data/history/returns/refund.csv',
      ].sort(),
    );
  });
});

describe('paths per language', () => {
  const languages = ['en', 'fi'];
  it('puts the default language at the root and the other under its prefix; files have one address', () => {
    expect(inLanguage(route.playbook('washing-machine', 'installation'), 'en', 'en')).toBe('/playbooks/washing-machine/installation/');
    expect(inLanguage(route.playbook('washing-machine', 'installation'), 'fi', 'en')).toBe('/fi/playbooks/washing-machine/installation/');
    expect(inLanguage(route.home(), 'fi', 'en')).toBe('/fi/');
    expect(inLanguage(route.methodology('nps'), 'fi', 'en')).toBe('/fi/methodology/#nps');
    expect(inLanguage(route.snapshotCsv('2026-q1'), 'fi', 'en')).toBe('/data/2026-q1.csv');
    expect(inLanguage(route.reportPdf('2026-q1'), 'fi', 'en')).toBe('/reports/2026-q1/2026-q1.pdf');
  });
  it('reads a page’s language from its prefix, and gives the same page in the other language', () => {
    expect(languageOf('/fi/journeys/group-trip/', languages, 'en')).toBe('fi');
    expect(languageOf('/journeys/group-trip/', languages, 'en')).toBe('en');
    // A journey or snapshot id that looks like a language is not a prefix unless it comes first.
    expect(languageOf('/journeys/fi/', languages, 'en')).toBe('en');
    expect(translatedPath('/fi/reports/2026-q3/group-trip/booking/', 'en', languages, 'en')).toBe('/reports/2026-q3/group-trip/booking/');
    expect(translatedPath('/reports/2026-q3/', 'fi', languages, 'en')).toBe('/fi/reports/2026-q3/');
    expect(translatedPath('/en/', 'en', ['fi', 'en'], 'fi')).toBe('/en/');
    expect(translatedPath('/en/', 'fi', ['fi', 'en'], 'fi')).toBe('/');
  });
});

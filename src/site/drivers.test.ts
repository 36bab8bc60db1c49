import { describe, expect, it } from 'vitest';
import { formatter, translator } from './i18n.ts';
import { driverRows, driversLead, omittedText, priorityData } from './drivers.ts';
import { pickupDrivers } from './analyses.test-helper.ts';

const en = { t: translator('en'), fmt: formatter('en') };
const fi = { t: translator('fi'), fmt: formatter('fi') };
const emotion = { min: -3, max: 3, integer: false };
const title = (id: string) => id.replace(/-/g, ' ');

describe('driversLead', () => {
  it('says the outcome and the predictor in words, with R² and n', () => {
    expect(driversLead(en, pickupDrivers())).toBe(
      'What explains customers’ overall likelihood to recommend (their mean NPS answer across the journey): emotion (mean) at each touchpoint. Together the touchpoints explain 48% of its variance (R², 176 respondents).',
    );
    const overall = { ...pickupDrivers(), outcome: { kind: 'overall' as const, metric: 'rating' as const } };
    expect(driversLead(fi, overall)).toContain('Mikä selittää vastausta koko polkua koskevaan kysymykseen (arvio (keskiarvo)): tunne (keskiarvo) kussakin kosketuspisteessä.');
  });
});

describe('driverRows', () => {
  it('writes each driver’s weight, interval, share of R², performance and target', () => {
    const [queue] = driverRows(en, pickupDrivers(), emotion, title);
    // 0.14 of 0.48 is 29%; interval 0.14 − 0.03 … 0.14 + 0.04.
    expect(queue).toEqual({ touchpoint: 'service desk queue', weight: '14.0%', interval: '11.0% … 18.0%', shareOfR2: '29%', performance: '+0.2', target: '+1.0', n: '180', fixFirst: true });
    const rating = { min: 1, max: 5, integer: true };
    expect(driverRows(fi, pickupDrivers(), rating, title)[3]).toMatchObject({ weight: '5,0\u00a0%', performance: '1,1', target: '1,0' });
  });
});

describe('priorityData', () => {
  it('plots the drivers with a performance and names those to fix first', () => {
    const d = pickupDrivers();
    d.drivers[7]!.performance = null;
    const data = priorityData(en, d, emotion, title, 'Impact and performance');
    expect(data.points.map((p) => p.id)).not.toContain('price-comparison');
    expect(data.points).toHaveLength(7);
    expect(data.description).toBe('Fix first: service desk queue, web order, desk handover.');
  });
});

describe('omittedText', () => {
  it('names each touchpoint left out with its reason, or nothing', () => {
    expect(omittedText(en, pickupDrivers(), title)).toBeNull();
    const d = { ...pickupDrivers(), omitted: [{ touchpoint: 'follow-up', reason: 'fewRespondents' as const }, { touchpoint: 'online-ad', reason: 'noVariance' as const }] };
    expect(omittedText(en, d, title)).toBe('Left out: follow up (too few respondents), online ad (every answer the same).');
  });
});

// A journey's key drivers in the site model: from an Excel export in Finnish (semicolons, CRLF) with
// an overall NPS question, each touchpoint's emotion as its score; weights checked against the
// two-predictor closed form over correlations computed here from the rows.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { ingestSnapshot } from '../ingest/ingest.ts';
import { loadConfig } from '../project/config.ts';
import { loadContent } from '../project/content.ts';
import { mappingFor, type MappingFile } from '../project/mapping.ts';
import { siteModel } from './site-model.ts';
import { snapshotJson } from './open-data.ts';

const tempFile = useTempFiles('polku-drivers-');
const root = join(import.meta.dirname, '../../..');
const config = loadConfig(root, {});
const content = loadContent(config.content, root);

// 40 respondents: booking and delivery emotions (−3…3) and the overall NPS; 8 of them and 4 more, without
// an overall answer, rate the damaged parcel: published (12), but only 8 with the outcome.
const rows = Array.from({ length: 40 }, (_, i) => {
  const booking = ((i * 5) % 7) - 3;
  const delivery = ((i * 3 + 1) % 7) - 3;
  const nps = Math.max(0, Math.min(10, 5 + delivery + Math.round(booking / 2) + ((i % 3) - 1)));
  return { booking, delivery, nps, parcel: i < 8 ? (i % 3) - 1 : null };
});
const csv =
  ['Vastaaja;Toimitusaika;Kuljetus;Vaurio;Suosittelisitko?', ...rows.map((r, i) => `V${i};${r.booking};${r.delivery};${r.parcel ?? ''};${r.nps}`), ...[0, 1, 2, 3].map((i) => `W${i};;;${i - 2};`)].join('\r\n') + '\r\n';

const MAPPING: MappingFile = {
  layout: 'wide',
  delimiter: ';',
  columns: { response_id: 'Vastaaja' },
  constants: { journey: 'washing-machine' },
  questions: [
    { touchpoint: 'delivery-booking', emotion: 'Toimitusaika' },
    { touchpoint: 'courier-delivery', emotion: 'Kuljetus' },
    { touchpoint: 'damaged-parcel', emotion: 'Vaurio' },
    { level: 'journey', nps: 'Suosittelisitko?' },
  ],
};

async function driversOf(text: string) {
  const path = tempFile('drivers.csv', text);
  const ingest = await ingestSnapshot({ path, file: 'drivers.csv', id: 'd', mapping: mappingFor(MAPPING, 'd', 'mapping'), scales: config.scales, stageOf: content.stageOf });
  const model = siteModel([ingest], content, config);
  return { model, drivers: model.snapshots[0]!.journeys.find((j) => j.id === 'washing-machine')!.drivers };
}

const pearson = (x: number[], y: number[]) => {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  const sxy = x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0);
  return sxy / Math.sqrt(x.reduce((s, v) => s + (v - mx) ** 2, 0) * y.reduce((s, v) => s + (v - my) ** 2, 0));
};

describe('key drivers in the site model', () => {
  it('weighs the touchpoints as the closed form does, leaves out the one too few answered, and flags what to fix first', async () => {
    const { model, drivers } = await driversOf(csv);
    const booking = rows.map((r) => r.booking);
    const delivery = rows.map((r) => r.delivery);
    const nps = rows.map((r) => r.nps);
    const [r12, r1y, r2y] = [pearson(booking, delivery), pearson(booking, nps), pearson(delivery, nps)];
    const a = (Math.sqrt(1 + r12) + Math.sqrt(1 - r12)) / 2;
    const b = (Math.sqrt(1 + r12) - Math.sqrt(1 - r12)) / 2;
    const b1 = (a * r1y - b * r2y) / Math.sqrt(1 - r12 * r12);
    const b2 = (a * r2y - b * r1y) / Math.sqrt(1 - r12 * r12);
    const weight = { 'delivery-booking': a * a * b1 * b1 + b * b * b2 * b2, 'courier-delivery': b * b * b1 * b1 + a * a * b2 * b2 };
    expect(drivers).not.toBeNull();
    expect(drivers!.outcome).toEqual({ kind: 'overall', metric: 'nps' });
    expect(drivers!.predictor).toBe('emotion');
    expect(drivers!.respondents).toBe(40);
    for (const d of drivers!.drivers) {
      expect(Math.abs(d.weight - weight[d.touchpoint as keyof typeof weight])).toBeLessThan(1e-9);
      expect(d.low).toBeLessThanOrEqual(d.weight);
      expect(d.high).toBeGreaterThanOrEqual(d.weight);
      expect(d.n).toBe(40);
    }
    expect(drivers!.r2).toBeCloseTo(weight['delivery-booking'] + weight['courier-delivery'], 12);
    // Strongest first; the damaged parcel (8 answers with the outcome, under the minimum of 10) is left out, never weighed.
    expect(drivers!.drivers[0]!.weight).toBeGreaterThan(drivers!.drivers[1]!.weight);
    expect(drivers!.omitted).toEqual([{ touchpoint: 'damaged-parcel', reason: 'fewRespondents' }]);
    // Performance is the touchpoint's mean emotion; target from content (booking 1.2, delivery 1.5).
    const top = drivers!.drivers[0]!;
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(top.performance).toBeCloseTo(mean(top.touchpoint === 'courier-delivery' ? delivery : booking), 10);
    expect(top.target).toBe(top.touchpoint === 'courier-delivery' ? 1.5 : 1.2);
    expect(top.fixFirst).toBe(top.performance! < top.target!);
    expect(drivers!.drivers[1]!.fixFirst).toBe(false);
    // Open data has the weights, never the sums they come from.
    const json = snapshotJson(model, model.snapshots[0]!);
    const published = JSON.parse(json).journeys.find((j: { id: string }) => j.id === 'washing-machine').drivers;
    expect(Object.keys(published).sort()).toEqual(['drivers', 'omitted', 'outcome', 'predictor', 'r2', 'respondents']);
    expect(JSON.stringify(published)).not.toMatch(/sum|strata/);
  });

  it('publishes no drivers where the outcome has fewer than minRespondents × (touchpoints + 1) respondents', async () => {
    expect((await driversOf(csv)).drivers).not.toBeNull();
    const few = ['Vastaaja;Toimitusaika;Kuljetus;Vaurio;Suosittelisitko?', ...rows.slice(0, 29).map((r, i) => `V${i};${r.booking};${r.delivery};;${r.nps}`)].join('\r\n') + '\r\n';
    expect((await driversOf(few)).drivers).toBeNull();
  });

  it('leaves out the touchpoint answered least when two touchpoints were answered together by fewer than minRespondents', async () => {
    // 40 respondents each rate booking or delivery, never both (20 each), with the overall NPS; 29 rate
    // the damaged parcel, 9 of them with booking too: booking is in two pairs of fewer than 10
    // respondents (with delivery: 0; with the parcel: 9), the others in one, so booking leaves;
    // delivery × parcel has 20.
    const lines = Array.from({ length: 40 }, (_, i) => {
      const first = i < 20;
      const parcel = i >= 11 ? ((i * 2) % 7) - 3 : '';
      const score = ((i * 5) % 7) - 3;
      return `V${i};${first ? score : ''};${first ? '' : score};${parcel};${Math.max(0, Math.min(10, 5 + score + (i % 3)))}`;
    });
    const text = ['Vastaaja;Toimitusaika;Kuljetus;Vaurio;Suosittelisitko?', ...lines].join('\r\n') + '\r\n';
    const { drivers } = await driversOf(text);
    expect(drivers!.omitted).toContainEqual({ touchpoint: 'delivery-booking', reason: 'fewRespondents' });
    expect(drivers!.drivers.map((d) => d.touchpoint).sort()).toEqual(['courier-delivery', 'damaged-parcel']);
    expect(drivers!.respondents).toBe(20);
  });

  it('leaves out a touchpoint while pairwise deletion gives correlations no one group of respondents could have', async () => {
    // Three groups of 20 answer two touchpoints each: booking = delivery, parcel ≈ booking, parcel = −delivery;
    // the outcome goes with booking and the parcel, so with delivery in one group and against it in another.
    // Each pair is over 20 respondents, but booking ~ delivery ~ −parcel ~ −booking cannot all hold (an
    // eigenvalue below zero). All three were answered by 40 with the outcome: the first, courier
    // delivery, leaves; booking and parcel (r ≈ 0.9) stay.
    const v = (i: number) => ((i * 5) % 7) - 3;
    const lines = Array.from({ length: 60 }, (_, i) => {
      const x = v(i);
      const [booking, delivery, parcel] = i < 20 ? [x, x, ''] : i < 40 ? [x, '', Math.max(-3, Math.min(3, x + ((i % 3) - 1)))] : ['', x, -x];
      const y = i < 40 ? x : -x;
      return `V${i};${booking};${delivery};${parcel};${5 + Math.round(y / 2) + (Math.floor(i / 3) % 4)}`;
    });
    const text = ['Vastaaja;Toimitusaika;Kuljetus;Vaurio;Suosittelisitko?', ...lines].join('\r\n') + '\r\n';
    const { drivers } = await driversOf(text);
    expect(drivers!.omitted).toEqual([{ touchpoint: 'courier-delivery', reason: 'inconsistent' }]);
    expect(drivers!.drivers.map((d) => d.touchpoint).sort()).toEqual(['damaged-parcel', 'delivery-booking']);
    expect(drivers!.r2).toBeLessThan(0.99);
  });
});

// The benchmark snapshot: a seeded, long-layout export with the sample journeys' touchpoints, each
// respondent's ~8 ratings listed together, ~25% of rows with a short comment (some quoted).
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';

const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
const VERSION = 1; // bump when the output changes, so cached files are regenerated

// journey → [touchpoint, stage] in order; segments; channels
// prettier-ignore
const JOURNEYS = [
  { id: 'electronics-pickup', segments: ['new', 'returning', 'business'], channels: ['web', 'app', 'store', 'sms', 'email'],
    touchpoints: [['online-ad', 'awareness'], ['price-comparison', 'consideration'], ['web-order', 'purchase'], ['pickup-code', 'pickup'],
      ['store-arrival', 'pickup'], ['service-desk-queue', 'pickup'], ['desk-handover', 'pickup'], ['follow-up', 'aftercare']] },
  { id: 'washing-machine', segments: ['new', 'returning', 'business'], channels: ['web', 'app', 'phone', 'courier', 'chat'],
    touchpoints: [['search-ad', 'awareness'], ['product-page', 'consideration'], ['express-order', 'purchase'], ['delivery-booking', 'delivery'],
      ['courier-delivery', 'delivery'], ['damaged-parcel', 'delivery'], ['complaint-handling', 'delivery'], ['installation', 'installation'], ['aftercare', 'aftercare']] },
  { id: 'group-trip', segments: ['family', 'friends', 'colleagues', 'association'], channels: ['web', 'app', 'on-site', 'email', 'social'],
    touchpoints: [['inspiration', 'inspiration'], ['supplier-comparison', 'planning'], ['group-decision', 'planning'], ['booking', 'booking'],
      ['arrival', 'on-trip'], ['first-days', 'on-trip'], ['mid-trip', 'on-trip'], ['return-journey', 'after-trip'], ['memories-sharing', 'after-trip'], ['next-trip-decision', 'after-trip']] },
] as const;

const STAGES = new Map<string, string>(JOURNEYS.flatMap((j) => j.touchpoints.map(([tp, stage]) => [`${j.id}/${tp}`, stage] as [string, string])));
export const stageOf = (journey: string, touchpoint: string): string | null => STAGES.get(`${journey}/${touchpoint}`) ?? null;
/** journey, touchpoint, stage of every touchpoint, for sql/aggregate.sql's `stages`. */
export const stageRows = (): [string, string, string][] => JOURNEYS.flatMap((j) => j.touchpoints.map(([tp, stage]) => [j.id, tp, stage] as [string, string, string]));

const COMMENTS = [
  'Nopea ja ystävällinen palvelu, tuote oli valmiina noutoa varten heti kun saavuin.', 'Jonotin puoli tuntia palvelutiskillä, vaikka noutokoodi oli valmiina.',
  'Works as expected. Nothing special, nothing bad either.', 'Koodi tuli vasta seuraavana päivänä, joten jouduin käymään myymälässä kahdesti.',
  'The courier was late, but polite and careful with the machine on the stairs.', 'Hinta oli hyvä, toimitus hidas ja seurantakoodi ei toiminut.',
  '"Express" delivery took three days, not one as promised on the product page.', 'Asentaja oli ammattilainen, vei vanhan koneen mukanaan. Kiitos!',
  'Too many steps in the checkout, and the app crashed twice before payment went through.', 'Kaikki sujui hyvin alusta loppuun.',
  'Would book again, the guide was great and the hotel was close to the beach.', 'Sovellus kaatui maksuvaiheessa, jouduin soittamaan asiakaspalveluun.',
];
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const COMMENT_CELLS = COMMENTS.map(csvCell);

/** mulberry32: a small, fast, seeded 32-bit generator. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAY0 = Date.UTC(2026, 0, 1);
const DAYS = Array.from({ length: 120 }, (_, i) => new Date(DAY0 + i * 86_400_000).toISOString().slice(0, 10));
const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

async function write(path: string, rows: number, seed: number): Promise<void> {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const out = lineWriter(path, HEADER);
  let written = 0;
  for (let respondent = 1; written < rows; respondent++) {
    const j = JOURNEYS[int(JOURNEYS.length)]!;
    const id = `R26Q1-${String(respondent).padStart(7, '0')}`;
    const segment = j.segments[int(j.segments.length)]!;
    const mood = rnd() * 4 - 2; // this respondent's general mood, -2..+2
    let day = int(90);
    for (const [touchpoint] of j.touchpoints) {
      if (written >= rows) break;
      if (rnd() >= 0.88) continue; // ~8 of ~9 touchpoints rated
      day += int(3) === 0 ? 1 : 0;
      const scores = scoreFields(rnd, mood, 0.25);
      const at = `${DAYS[day]}T${pad2[8 + int(14)]}:${pad2[int(60)]}:${pad2[int(60)]}Z`;
      await out.push(`${id},${at},${j.id},${touchpoint},${j.channels[int(j.channels.length)]},${segment},${scores}`);
      written++;
    }
  }
  await out.close();
}

/** nps,csat,ces,emotion,expectation,comment of one rating by a respondent of this mood (−2…+2). */
export function scoreFields(rnd: () => number, mood: number, commentShare: number): string {
  const int = (n: number) => Math.floor(rnd() * n);
  const emotion = clamp(Math.round(mood + rnd() * 2 - 1), -3, 3);
  const nps = clamp(Math.round(7 + emotion * 1.2 + rnd() * 3 - 1.5), 0, 10);
  const csat = clamp(Math.round(3 + emotion * 0.6 + rnd() - 0.5), 1, 5);
  const ces = rnd() < 0.05 ? '' : String(clamp(Math.round(4 + emotion + rnd() * 2 - 1), 1, 7));
  const expectation = clamp(Math.round(rnd() * 3 - 1), -3, 3);
  const comment = rnd() < commentShare ? COMMENT_CELLS[int(COMMENT_CELLS.length)]! : '';
  return `${nps},${csat},${ces},${emotion},${expectation},${comment}`;
}

/** Lines to a file in batches of 10,000, waiting when the stream is full. */
export function lineWriter(path: string, header: string): { push(line: string): Promise<void>; close(): Promise<void> } {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let batch: string[] = [header];
  return {
    async push(line) {
      batch.push(line);
      if (batch.length >= 10_000) {
        const text = batch.join('\n') + '\n';
        batch = [];
        if (!out.write(text)) await once(out, 'drain');
      }
    },
    async close() {
      if (batch.length) out.write(batch.join('\n') + '\n');
      out.end();
      await once(out, 'finish');
    },
  };
}

/** The snapshot's path; generated (to a temporary name, then renamed) unless it exists for these rows, seed and version. */
export async function ensureSnapshot(dir: string, rows: number, seed: number): Promise<{ path: string; bytes: number; cached: boolean }> {
  const path = `${dir}/snapshot-${rows}-seed${seed}-v${VERSION}.csv`;
  const cached = existsSync(path);
  if (!cached) {
    await write(`${path}.tmp`, rows, seed);
    renameSync(`${path}.tmp`, path);
  }
  return { path, bytes: statSync(path).size, cached };
}

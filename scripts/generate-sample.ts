/**
 * Writes the sample feedback snapshots, data/snapshots/<quarter>.csv, for the three sample
 * journeys in content/journeys/. Seeded and free of platform maths (no Math.log/sin), so the
 * output is byte-identical on every run: `node scripts/generate-sample.ts`.
 *
 * The numbers tell the stories of ../shared/cx-background.md: the electronics pickup queue
 * collapses and slowly recovers, the damaged washing machine turns from a scandal into a
 * well-handled complaint in 2026-q2, and the group trip dips mid-week. Those touchpoints move each
 * respondent's satisfaction with the journey, and so their NPS answers, most; and detractors tell the
 * stories in their comments, for the comment themes and key drivers to find.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COMMENTS, PRAISE, STORIES } from "./sample-comments.ts";

/** One value for all quarters, or one per quarter in QUARTERS order. */
type Quarterly = number | readonly number[];

interface TouchpointParams {
  id: string;
  /** Mean delivered experience on the emotion scale -3..+3. */
  emotion: Quarterly;
  /** Mean expected experience, same scale. */
  expect: number;
  channels: readonly string[];
  /** Chance that a customer who reaches the touchpoint rates it. */
  rate: number;
  /** Typical days since the previous touchpoint. */
  gap: number;
  /** Chance to give up on the journey after an emotion of -2 or worse here. */
  quit?: number;
  /** Mean emotion for customers whose parcel was damaged (washing machine). */
  damaged?: Quarterly;
  /** Only customers with a damaged parcel reach this touchpoint. */
  onlyDamaged?: boolean;
  /** How strongly the experience at an earlier touchpoint colours this one. */
  recall?: { from: string; weight: number };
  /**
   * How much the experience here moves the respondent's satisfaction with the whole journey, which
   * colours every answer they give (the touchpoints of the journey's story; none elsewhere).
   */
  story?: number;
}

interface JourneyParams {
  id: string;
  /** Share of each snapshot's respondents. */
  share: number;
  /** Segment, share within the journey, shift of the segment's mean emotion. */
  segments: readonly (readonly [string, number, number])[];
  /** Share of customers whose parcel the courier damages. */
  damagedShare: number;
  lang: "fi" | "mixed";
  touchpoints: readonly TouchpointParams[];
}

const QUARTERS = [
  { name: "2025-q4", start: "2025-10-01", days: 92, prefix: "R25Q4", respondents: 1320 },
  { name: "2026-q1", start: "2026-01-01", days: 90, prefix: "R26Q1", respondents: 1410 },
  { name: "2026-q2", start: "2026-04-01", days: 91, prefix: "R26Q2", respondents: 1530 },
  { name: "2026-q3", start: "2026-07-01", days: 92, prefix: "R26Q3", respondents: 1620 },
] as const;

const SEED = 20251001;
const HEADER = "response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment";

// prettier-ignore
const JOURNEYS: readonly JourneyParams[] = [
  { id: "electronics-pickup", share: 0.4, damagedShare: 0, lang: "fi",
    segments: [["new", 0.45, 0], ["returning", 0.52, 0.2], ["business", 0.03, -0.3]],
    touchpoints: [
      { id: "online-ad",          emotion: 1.5,  expect: 1.0, channels: ["social", "web"],        rate: 0.55, gap: 0 },
      { id: "price-comparison",   emotion: 1.6,  expect: 1.0, channels: ["web", "app"],           rate: 0.6,  gap: 0 },
      { id: "web-order",          emotion: -0.7, expect: 1.0, channels: ["web", "app"],           rate: 0.8,  gap: 0, quit: 0.2 },
      { id: "pickup-code",        emotion: -0.8, expect: 1.0, channels: ["sms", "email", "app"],  rate: 0.55, gap: 1 },
      { id: "store-arrival",      emotion: 0.3,  expect: 0.5, channels: ["store"],                rate: 0.45, gap: 0 },
      { id: "service-desk-queue", emotion: [-2.8, -2.6, -2.1, -1.6], expect: 0.5, channels: ["store"], rate: 0.9, gap: 0, quit: 0.7,
        story: 0.9 },
      { id: "desk-handover",      emotion: -0.8, expect: 1.0, channels: ["store"],                rate: 0.7,  gap: 0, story: 0.8 },
      { id: "follow-up",          emotion: -0.4, expect: 0.5, channels: ["email", "phone", "chat"], rate: 0.4, gap: 14,
        recall: { from: "service-desk-queue", weight: 0.3 } },
    ] },
  { id: "washing-machine", share: 0.3, damagedShare: 0.3, lang: "mixed",
    segments: [["new", 0.5, 0], ["returning", 0.47, 0.15], ["business", 0.03, 0]],
    touchpoints: [
      { id: "search-ad",          emotion: 1.0, expect: 0.8, channels: ["search", "social", "web"], rate: 0.4, gap: 0 },
      { id: "product-page",       emotion: 1.3, expect: 1.0, channels: ["web", "app"],           rate: 0.55, gap: 0 },
      { id: "express-order",      emotion: 1.2, expect: 1.2, channels: ["web", "app"],           rate: 0.75, gap: 0 },
      { id: "delivery-booking",   emotion: 0.6, expect: 1.0, channels: ["sms", "email", "phone"], rate: 0.5, gap: 0 },
      { id: "courier-delivery",   emotion: 1.0, expect: 1.5, channels: ["courier"],              rate: 0.85, gap: 1,
        damaged: -2.7, story: 0.5 },
      { id: "damaged-parcel",     emotion: 0,   expect: 0.5, channels: ["phone", "chat", "courier"], rate: 0.8, gap: 1,
        onlyDamaged: true, damaged: [-2.3, -2.2, -0.8, -0.5] },
      { id: "complaint-handling", emotion: 0,   expect: -0.5, channels: ["phone", "email", "chat"], rate: 0.9, gap: 3, quit: 0.35,
        onlyDamaged: true, damaged: [-2.2, -2.0, 1.6, 1.9], story: 0.9 },
      { id: "installation",       emotion: 1.5, expect: 1.0, channels: ["on-site"],              rate: 0.7,  gap: 0,
        damaged: [0.2, 0.3, 1.4, 1.6] },
      { id: "aftercare",          emotion: 1.0, expect: 0.5, channels: ["email", "phone", "web"], rate: 0.5, gap: 21,
        damaged: [-1.8, -1.6, 2.2, 2.4] },
    ] },
  { id: "group-trip", share: 0.3, damagedShare: 0, lang: "mixed",
    segments: [["family", 0.45, 0.1], ["friends", 0.38, 0], ["colleagues", 0.14, -0.1], ["association", 0.03, 0]],
    touchpoints: [
      { id: "inspiration",         emotion: 1.0,  expect: 0.8, channels: ["social", "web"],     rate: 0.4,  gap: 0 },
      { id: "supplier-comparison", emotion: 0.5,  expect: 0.8, channels: ["web", "phone"],      rate: 0.5,  gap: 4 },
      { id: "group-decision",      emotion: 0.2,  expect: 0.5, channels: ["app", "email", "phone"], rate: 0.45, gap: 5 },
      { id: "booking",             emotion: 0.9,  expect: 1.0, channels: ["web", "phone"],      rate: 0.6,  gap: 4 },
      { id: "arrival",             emotion: 2.0,  expect: 1.5, channels: ["on-site"],           rate: 0.6,  gap: 10 },
      { id: "first-days",          emotion: 2.1,  expect: 1.5, channels: ["on-site", "app"],    rate: 0.5,  gap: 2 },
      { id: "mid-trip",            emotion: -1.0, expect: 1.3, channels: ["on-site", "app"],    rate: 0.65, gap: 3, story: 0.9 },
      { id: "return-journey",      emotion: 0.6,  expect: 0.5, channels: ["on-site", "app"],    rate: 0.45, gap: 3 },
      { id: "memories-sharing",    emotion: 1.3,  expect: 1.0, channels: ["social", "app"],     rate: 0.4,  gap: 3 },
      { id: "next-trip-decision",  emotion: 0.2,  expect: 1.0, channels: ["web", "email"],      rate: 0.55, gap: 12,
        recall: { from: "mid-trip", weight: 0.5 } },
    ] },
];


/** Passives' comments: plain, or about something else than the journey. */
// prettier-ignore
const NEUTRAL: Record<string, string[]> = {
  "electronics-pickup": ["Ihan ok.", "Ei erityistä sanottavaa.", "Meni niin kuin piti.", "Hinta ok, palvelu tavallista.",
    "Kävin samalla katsomassa televisioita.", "Ostin samalla kaapelin.", "Tavallinen kauppareissu.", "En osaa sanoa.",
    "Myymälässä oli remontti menossa.", "Kahvila oli kiinni."],
  "washing-machine": ["Ok.", "Nothing special.", "Ihan perusjuttu.", "Works as expected.", "Bought it for my parents.",
    "Kone on hiljaisempi kuin vanha.", "The colour is a bit different from the picture.", "Ei kommentoitavaa.", "Average.",
    "Hinta oli kohtuullinen."],
  "group-trip": ["Ok trip overall.", "Ihan kiva.", "Mixed feelings.", "Nothing to add.", "Weather was as expected.",
    "Matka oli pitkä.", "We were twelve people.", "Hotelli oli keskitasoa.", "Fine, nothing more.", "Ihan tavallinen matka."],
};

/** Personal data the site must redact; one fictional number and example.com addresses only. */
const PERSONAL: Record<JourneyParams["lang"], string[]> = {
  fi: ["Soittakaa minulle: 040 123 4567.", "Vastatkaa osoitteeseen anna.k@example.com", "Numeroni on 0401234567."],
  mixed: ["Call me back on +358 40 123 4567.", "Reply to matti.m@example.com please.", "Soittakaa 040 123 4567, kiitos."],
};

interface Rng {
  (): number;
  normal(sd: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32 (Tommy Ettinger), with an Irwin–Hall normal so that only exact arithmetic is used. */
function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.normal = (sd) => {
    let sum = 0;
    for (let i = 0; i < 6; i++) sum += next();
    return (sum - 3) * Math.SQRT2 * sd;
  };
  next.pick = (items) => items[Math.floor(next() * items.length)]!;
  return next;
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  let r = rng() * items.reduce((sum, item) => sum + weight(item), 0);
  for (const item of items) if ((r -= weight(item)) < 0) return item;
  return items[items.length - 1]!;
}

const clampRound = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));
const forQuarter = (value: Quarterly, quarter: number) => (typeof value === "number" ? value : value[quarter]!);

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

interface Rating {
  touchpoint: TouchpointParams;
  day: number;
  latent: number;
  /** The part of `latent` that is this respondent's own at this touchpoint (not the mean, not their bias). */
  own: number;
  emotion: number;
}

interface Walk {
  ratings: Rating[];
  /**
   * The respondent's satisfaction with the journey on the emotion scale, relative to an ordinary
   * customer's: the story touchpoints' departures from their usual experience, weighted by `story`.
   */
  satisfaction: number;
  /** The STORIES key of the story touchpoint where they felt worst, when they felt bad there. */
  grievance: string | null;
}

/** The STORIES bank for a touchpoint, if it is part of the journey's story. */
function storyKey(journey: JourneyParams, touchpoint: string, damaged: boolean): string | null {
  const stories = STORIES[journey.id] ?? {};
  if (damaged && stories[`${touchpoint}@damaged`]) return `${touchpoint}@damaged`;
  return stories[touchpoint] ? touchpoint : null;
}

/** Walks one customer along the journey: the touchpoints they rated, in journey order, and how the story went for them. */
function simulateJourney(journey: JourneyParams, quarter: number, shift: number, damaged: boolean, rng: Rng): Walk {
  const bias = shift + rng.normal(0.45);
  const stretch = 0.6 + 0.6 * rng();
  const deviation = new Map<string, number>();
  const ratings: Rating[] = [];
  let satisfaction = 0;
  let worst: { latent: number; key: string } | null = null;
  let days = 0;
  for (const tp of journey.touchpoints) {
    if (tp.onlyDamaged && !damaged) continue;
    days += tp.gap;
    const mean = forQuarter(damaged && tp.damaged !== undefined ? tp.damaged : tp.emotion, quarter);
    const recalled = tp.recall ? tp.recall.weight * (deviation.get(tp.recall.from) ?? 0) : 0;
    // The story's moments vary most from one customer to the next: a queue is short or long, an order ready or not.
    const own = recalled + rng.normal(tp.story ? 1.3 : 0.75);
    const latent = mean + bias + own;
    deviation.set(tp.id, own);
    if (tp.story) {
      // Measured from an ordinary customer's mean, so a damaged parcel counts as a fall in itself.
      satisfaction += tp.story * (latent - bias - forQuarter(tp.emotion, quarter));
      const key = storyKey(journey, tp.id, damaged);
      if (key && latent <= -1 && (!worst || latent < worst.latent)) worst = { latent, key };
    }
    const emotion = clampRound(latent, -3, 3);
    if (rng() < tp.rate) ratings.push({ touchpoint: tp, day: Math.round(days * stretch), latent, own, emotion });
    if (emotion <= -2 && rng() < (tp.quit ?? 0)) break;
    if (rng() < 0.03) break; // survey fatigue
  }
  return { ratings, satisfaction, grievance: worst?.key ?? null };
}

/** Share of a rating's own experience that gives way to the respondent's satisfaction with the journey. */
const HALO = 0.7;

/**
 * Scores that move with the latent experience; exceeding the expectation lifts NPS. The NPS answer
 * also carries the respondent's satisfaction with the whole journey (a halo), so the story's
 * touchpoints drive their mean NPS most.
 */
function scoreRating(rating: Rating, satisfaction: number, rng: Rng) {
  const expectation = clampRound(rating.touchpoint.expect + rng.normal(0.8), -3, 3);
  const x = rating.latent;
  const felt = x + HALO * (satisfaction - rating.own);
  return {
    nps: clampRound(6.6 + 1.2 * felt + 0.3 * (x - expectation) + rng.normal(1), 0, 10),
    csat: clampRound(3.4 + 0.6 * x + rng.normal(0.5), 1, 5),
    ces: clampRound(4.6 + 0.8 * x + rng.normal(0.9), 1, 7),
    emotion: rating.emotion,
    expectation,
  };
}

/**
 * A comment's tone follows the respondent's experience, as in real feedback: a detractor complains, a
 * promoter praises, and a passive says what the moment felt like.
 */
export function commentTone(nps: number, emotion: number): "neg" | "pos" | "neutral" {
  if (nps <= 6) return "neg";
  if (nps >= 9) return "pos";
  return emotion <= -1 ? "neg" : emotion >= 1 ? "pos" : "neutral";
}

/**
 * A short comment on about a quarter of the rows, more often when feelings run strong. A complaint at
 * a story touchpoint is mostly the story; elsewhere it is the touchpoint's own, or the story again
 * from a respondent who had a bad time there. Praise is half the journey's (speed, kindness, a
 * problem well fixed), half the touchpoint's.
 */
function commentFor(journey: JourneyParams, rating: Rating, nps: number, walk: Walk, damaged: boolean, rng: Rng): string {
  if (rng() >= 0.2 + 0.05 * Math.abs(rating.emotion)) return "";
  const byTouchpoint = COMMENTS[journey.id]!;
  const id = rating.touchpoint.id;
  const bank = (damaged ? byTouchpoint[`${id}@damaged`] : undefined) ?? byTouchpoint[id]!;
  const story = storyKey(journey, id, damaged);
  const tone = commentTone(nps, rating.emotion);
  const texts =
    tone === "neutral" ? NEUTRAL[journey.id]!
    : tone === "pos" ? (rng() < 0.5 ? PRAISE[journey.id]! : bank.pos)
    : story && rng() < 0.85 ? STORIES[journey.id]![story]!
    : !story && walk.grievance && rng() < 0.4 ? STORIES[journey.id]![walk.grievance]!
    : bank.neg;
  const text = rng.pick(texts);
  return rng() < 0.005 ? `${text} ${rng.pick(PERSONAL[journey.lang])}` : text;
}

function isoDate(start: string, plusDays: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** One snapshot as CSV text: respondents ordered by the day they started, rows in journey order. */
export function generateSnapshot(quarter: number): string {
  const q = QUARTERS[quarter]!;
  const rng = createRng(SEED + quarter);
  const respondents = Array.from({ length: q.respondents }, () => {
    const journey = pickWeighted(rng, JOURNEYS, (j) => j.share);
    const [segment, , shift] = pickWeighted(rng, journey.segments, (s) => s[1]);
    const damaged = rng() < journey.damagedShare;
    const walk = simulateJourney(journey, quarter, shift, damaged, rng);
    const lastDay = walk.ratings.at(-1)?.day ?? 0;
    const startDay = Math.floor(rng() * Math.max(1, q.days - lastDay));
    return { journey, segment, damaged, walk, startDay };
  }).filter((r) => r.walk.ratings.length > 0);
  respondents.sort((a, b) => a.startDay - b.startDay);

  const lines = [HEADER];
  respondents.forEach((r, i) => {
    const id = `${q.prefix}-${String(i + 1).padStart(6, "0")}`;
    for (const rating of r.walk.ratings) {
      const s = scoreRating(rating, r.walk.satisfaction, rng);
      const fields = [id, isoDate(q.start, r.startDay + rating.day), r.journey.id, rating.touchpoint.id,
        rng.pick(rating.touchpoint.channels), r.segment, s.nps, s.csat, s.ces, s.emotion, s.expectation,
        commentFor(r.journey, rating, s.nps, r.walk, r.damaged, rng)];
      lines.push(fields.map(csvField).join(","));
    }
  });
  return lines.join("\n") + "\n";
}

export const SNAPSHOT_NAMES: readonly string[] = QUARTERS.map((q) => q.name);

if (import.meta.main) {
  const dir = join(import.meta.dirname, "..", "data", "snapshots");
  mkdirSync(dir, { recursive: true });
  SNAPSHOT_NAMES.forEach((name, quarter) => {
    const csv = generateSnapshot(quarter);
    writeFileSync(join(dir, `${name}.csv`), csv);
    console.log(`${name}.csv: ${csv.split("\n").length - 2} rows`);
  });
}

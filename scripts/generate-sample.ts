/**
 * Writes the sample feedback snapshots, data/snapshots/<quarter>.csv, for the three sample
 * journeys in content/journeys/. Seeded and free of platform maths (no Math.log/sin), so the
 * output is byte-identical on every run: `node scripts/generate-sample.ts`.
 *
 * The numbers tell the stories of ../shared/cx-background.md: the electronics pickup queue
 * collapses and slowly recovers, the damaged washing machine turns from a scandal into a
 * well-handled complaint in 2026-q2, and the group trip dips mid-week.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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
      { id: "service-desk-queue", emotion: [-2.8, -2.6, -2.1, -1.6], expect: 0.5, channels: ["store"], rate: 0.9, gap: 0, quit: 0.7 },
      { id: "desk-handover",      emotion: -0.8, expect: 1.0, channels: ["store"],                rate: 0.7,  gap: 0 },
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
        damaged: -2.7 },
      { id: "damaged-parcel",     emotion: 0,   expect: 0.5, channels: ["phone", "chat", "courier"], rate: 0.8, gap: 1,
        onlyDamaged: true, damaged: [-2.3, -2.2, -0.8, -0.5] },
      { id: "complaint-handling", emotion: 0,   expect: -0.5, channels: ["phone", "email", "chat"], rate: 0.9, gap: 3, quit: 0.35,
        onlyDamaged: true, damaged: [-2.2, -2.0, 1.6, 1.9] },
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
      { id: "mid-trip",            emotion: -1.0, expect: 1.3, channels: ["on-site", "app"],    rate: 0.65, gap: 3 },
      { id: "return-journey",      emotion: 0.6,  expect: 0.5, channels: ["on-site", "app"],    rate: 0.45, gap: 3 },
      { id: "memories-sharing",    emotion: 1.3,  expect: 1.0, channels: ["social", "app"],     rate: 0.4,  gap: 3 },
      { id: "next-trip-decision",  emotion: 0.2,  expect: 1.0, channels: ["web", "email"],      rate: 0.55, gap: 12,
        recall: { from: "mid-trip", weight: 0.5 } },
    ] },
];

/** Comments by journey and touchpoint (`<id>@damaged` for the damaged-parcel branch). */
// prettier-ignore
export const COMMENTS: Record<string, Record<string, { neg: string[]; pos: string[] }>> = {
  "electronics-pickup": {
    "online-ad": { neg: ["Mainoksen hinta ei pitänyt paikkaansa verkkokaupassa.", "Mainoksen linkki vei etusivulle eikä tuotteeseen.", "Samaa mainosta joka sivulla, alkoi ärsyttää."],
      pos: ["Mainos osui juuri oikeaan tarpeeseen.", "Selkeä tarjous, hinta näkyi heti.", "Hyvä, että mainoksessa näkyi myymälän saatavuus."] },
    "price-comparison": { neg: ["Hintavertailussa eri hinta kuin kassalla.", "Arvosteluja vain kolme, vaikea päättää."],
      pos: ["Halvin hinta vertailusivustolla, ja hyvät arvostelut.", "Vertailutyökalu auttoi valitsemaan oikean mallin.", "Asiakasarvioista oli oikeasti apua."] },
    "web-order": { neg: ["Tilaus kaatui maksuvaiheessa kaksi kertaa.", "Myymälänouto ei ollut valittavissa, vaikka tuote oli hyllyssä.", "Maksu veloitettiin, mutta tilausvahvistusta ei tullut.", "Verkkokauppa väitti tuotteen olevan loppu, vaikka myymälässä oli 5 kpl."],
      pos: ["Tilaus meni läpi parissa minuutissa.", "Noutomyymälän valinta oli helppo."] },
    "pickup-code": { neg: ["Noutokoodia ei tullut koskaan.", "Tekstiviesti tuli vasta seuraavana päivänä.", "Noutoilmoitus tuli, mutta koodi puuttui viestistä.", "Tila \"noudettavissa\", mutta koodia ei näkynyt sovelluksessa."],
      pos: ["Koodi tuli tekstiviestinä heti.", "Selkeä viesti: mistä, milloin ja mitä ottaa mukaan."] },
    "store-arrival": { neg: ["Noutopisteeseen ei ollut opasteita, kiersin koko myymälän.", "Parkkipaikka täynnä eikä kukaan osannut neuvoa noutoon."],
      pos: ["Noutopiste oli heti sisäänkäynnin vieressä.", "Myyjä neuvoi heti oikeaan paikkaan."] },
    "service-desk-queue": { neg: ["Jonotin palvelutiskille 50 minuuttia.", "Jonolappu lupasi tunnin odotuksen. Tilasin kilpailijalta kotiin.", "Yksi ihminen tiskillä ja 20 jonossa.", "Miksi noutotuotteet saa vain palvelutiskin kautta?", "Lähdin pois ja tilasin samat kuulokkeet muualta postikuluilla."],
      pos: ["Jonotusnumero ja tekstiviesti, kun oli vuoro. Hyvä!", "Noudoille oma jono, pääsin viidessä minuutissa."] },
    "desk-handover": { neg: ["Tuotetta haettiin varastosta 15 minuuttia.", "Myyjä tyrkytti lisäturvaa, vaikka tulin vain noutamaan.", "Paketista puuttui laturi."],
      pos: ["Myyjä tarkisti laitteen kanssani ja neuvoi käyttöönotossa.", "Nopea luovutus, koodi ja henkkarit riittivät."] },
    "follow-up": { neg: ["Kysely tuli ennen kuin olin saanut tuotetta.", "Tukeen ei päässyt puhelimella läpi.", "Palautuspyyntöön ei vastattu viikkoon."],
      pos: ["Tuki vastasi chatissa heti.", "Hyvä käyttöönotto-ohje sähköpostissa."] },
  },
  "washing-machine": {
    "search-ad": { neg: ["Ad promised installation next day, product page said 5 days.", "Mainoksessa eri hinta kuin tuotesivulla."],
      pos: ["Found the express option straight from the search results.", "Mainos lupasi asennuksen samaan hintaan."] },
    "product-page": { neg: ["Mitat puuttuivat, piti etsiä valmistajan sivulta.", "Delivery terms hidden behind three clicks."],
      pos: ["Clear specs and the installation price upfront.", "Selkeä tieto: toimitus huomenna ja asennus samalla."] },
    "express-order": { neg: ["Asennuspalvelun lisääminen tyhjensi ostoskorin.", "Checkout didn't say who does the installation."],
      pos: ["Ordered in five minutes, express delivery confirmed.", "Tilaus oli helppo, kaikki samassa korissa."] },
    "delivery-booking": { neg: ["Toimitusikkuna 8–16, en voi olla koko päivää kotona.", "Booking link expired, had to call support."],
      pos: ["Sain valita kahden tunnin ikkunan.", "Reminder the evening before, very handy."] },
    "courier-delivery": { neg: ["Courier was two hours late without calling.", "Kuljettaja jätti koneen eteiseen, vaikka sovittiin kodinhoitohuone."],
      pos: ["Kuljettaja soitti puoli tuntia ennen.", "Careful carriers, took the packaging away."] },
    "courier-delivery@damaged": { neg: ["Paketti oli rikki, kuljettaja vei sen takaisin.", "The drum was dented, courier took it back.", "Machine arrived broken. Nobody told me what happens next.", "Kylki lommolla ja muovit revitty, kuljettaja palautti koneen."],
      pos: ["Courier noticed the damage and called the shop on the spot."] },
    "damaged-parcel": { neg: ["They won't send a new one until the broken one is back in their warehouse.", "Kaksi viikkoa ilman pesukonetta, perheessä kolme lasta.", "Asiakaspalvelu vetosi toimitusehtoihin eikä kuunnellut."],
      pos: ["New machine was sent the same day, no questions.", "Palautus ja uusi toimitus hoituivat yhdellä puhelulla."] },
    "complaint-handling": { neg: ["Refused to cancel the order, citing their terms.", "Reklamaatioon vastattiin vasta 10 päivän päästä.", "Reply was a copy-paste \"according to our terms and conditions\".", "Ended up writing to the newspaper before anyone called back."],
      pos: ["Apologised, sent a new machine and refunded the delivery fee.", "Reklamaatio hoidettiin päivässä ja saimme hyvityksen.", "The case handler called me back herself, twice. Impressed.", "Olisin vaihtanut kauppaa, mutta asia hoidettiin niin hyvin, että ostan jatkossakin täältä."] },
    "installation": { neg: ["Asentaja ei tuonut uutta poistoletkua.", "Installer was a subcontractor and didn't know the old machine was to be taken away."],
      pos: ["Asentaja oli ammattilainen ja siivosi jälkensä.", "Installed, tested with a rinse cycle, old machine taken away."] },
    "aftercare": { neg: ["Nobody followed up after all that trouble.", "Hyvitystä luvattiin, mutta sitä ei näkynyt tilillä.", "Would not order from them again."],
      pos: ["Follow-up call a week later, machine works great.", "After the mess they handled it so well that I'd buy here again.", "Suosittelen, vaikka alku meni pieleen."] },
  },
  "group-trip": {
    "inspiration": { neg: ["Too many options, all the sites look the same.", "Somessa näkyi vain kalliita pakettimatkoja."],
      pos: ["Saw friends' photos from Crete and we were sold.", "Inspiraatiosivulla oli ideoita yli 8 hengen ryhmille."] },
    "supplier-comparison": { neg: ["Hinnat muuttuivat joka kerta, kun päivitin sivun.", "Impossible to compare what's included, every operator lists it differently."],
      pos: ["Group price comparison table saved us hours.", "Myyjä vastasi ryhmäkyselyyn samana päivänä."] },
    "group-decision": { neg: ["Eight people, four opinions on budget. Took three weeks.", "Ryhmächatissa kukaan ei päättänyt mitään.", "The sceptics wanted a cancellation guarantee, there was none."],
      pos: ["Shared wish list made the vote easy.", "Hintalaskuri per henkilö ratkaisi budjettikiistan."] },
    "booking": { neg: ["Had to book rooms one by one, no group booking.", "Ennakkomaksu piti maksaa yhdeltä kortilta koko ryhmälle."],
      pos: ["Booked for 10 in one go, each paid their own share.", "Selkeä vahvistus, kaikki nimet oikein."] },
    "arrival": { neg: ["Transfer bus was an hour late.", "Huoneet eivät olleet valmiina, odotimme aulassa kolme tuntia."],
      pos: ["Welcome drinks and rooms ready early!", "Huoneet vierekkäin, niin kuin toivottiin.", "Guide met us at the airport, great start."] },
    "first-days": { neg: ["Allas oli remontissa, siitä ei kerrottu etukäteen."],
      pos: ["Everything felt new and exciting.", "Paras ranta, lapset riemuissaan.", "Great first evening dinner for the whole group."] },
    "mid-trip": { neg: ["Satoi neljä päivää putkeen.", "Same buffet every night, the kids stopped eating.", "Excursion sales pitch at every breakfast, felt pushy.", "Retki peruttiin, eikä rahoja palautettu heti.", "Half the group got a stomach bug, mood went down for everyone."],
      pos: ["Rainy-day programme saved the week.", "Oppaan vinkkaama ravintola oli loman paras."] },
    "return-journey": { neg: ["Paluulento myöhässä 4 tuntia, eikä kukaan kertonut mitään.", "Checkout at 10, flight at 22, nowhere to wait."],
      pos: ["Late checkout arranged for the whole group.", "Kuljetus kentälle ajallaan, kaikki sujui."] },
    "memories-sharing": { neg: ["Photo album link expired before everyone downloaded."],
      pos: ["Shared album with 600 photos, everyone contributed.", "Jaoimme kuvat ja tarinat jo lentokentällä.", "The postcard from the operator to the whole group was a nice touch."] },
    "next-trip-decision": { neg: ["Half the group doesn't want to go with this operator again.", "Ensi kerralla muualle, ruoka ja sää pilasivat viikon.", "Two of us had a bad time and now the whole group is looking elsewhere."],
      pos: ["Booking the same place next year already.", "Kanta-asiakasalennus ryhmälle teki päätöksestä helpon."] },
  },
};

const NEUTRAL: Record<string, string[]> = {
  "electronics-pickup": ["Ihan ok.", "Ei erityistä sanottavaa.", "Meni niin kuin piti.", "Hinta ok, palvelu tavallista."],
  "washing-machine": ["Ok.", "Nothing special.", "Ihan perusjuttu.", "Works as expected."],
  "group-trip": ["Ok trip overall.", "Ihan kiva.", "Mixed feelings.", "Nothing to add."],
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
  emotion: number;
}

/** Walks one customer along the journey; returns the touchpoints they rated, in journey order. */
function simulateJourney(journey: JourneyParams, quarter: number, shift: number, damaged: boolean, rng: Rng): Rating[] {
  const bias = shift + rng.normal(0.45);
  const stretch = 0.6 + 0.6 * rng();
  const deviation = new Map<string, number>();
  const ratings: Rating[] = [];
  let days = 0;
  for (const tp of journey.touchpoints) {
    if (tp.onlyDamaged && !damaged) continue;
    days += tp.gap;
    const mean = forQuarter(damaged && tp.damaged !== undefined ? tp.damaged : tp.emotion, quarter);
    const recalled = tp.recall ? tp.recall.weight * (deviation.get(tp.recall.from) ?? 0) : 0;
    const latent = mean + bias + recalled + rng.normal(0.75);
    deviation.set(tp.id, latent - mean);
    const emotion = clampRound(latent, -3, 3);
    if (rng() < tp.rate) ratings.push({ touchpoint: tp, day: Math.round(days * stretch), latent, emotion });
    if (emotion <= -2 && rng() < (tp.quit ?? 0)) break;
    if (rng() < 0.03) break; // survey fatigue
  }
  return ratings;
}

/** Scores that move with the latent experience; exceeding the expectation lifts NPS. */
function scoreRating(rating: Rating, rng: Rng) {
  const expectation = clampRound(rating.touchpoint.expect + rng.normal(0.8), -3, 3);
  const x = rating.latent;
  return {
    nps: clampRound(6.6 + 1.2 * x + 0.3 * (x - expectation) + rng.normal(1), 0, 10),
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

/** A short comment on about a quarter of the rows, more often when feelings run strong. */
function commentFor(journey: JourneyParams, rating: Rating, nps: number, damaged: boolean, rng: Rng): string {
  if (rng() >= 0.17 + 0.05 * Math.abs(rating.emotion)) return "";
  const byTouchpoint = COMMENTS[journey.id]!;
  const id = rating.touchpoint.id;
  const bank = (damaged ? byTouchpoint[`${id}@damaged`] : undefined) ?? byTouchpoint[id]!;
  const tone = commentTone(nps, rating.emotion);
  const text = tone === "neutral" ? rng.pick(NEUTRAL[journey.id]!) : rng.pick(bank[tone]);
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
    const ratings = simulateJourney(journey, quarter, shift, damaged, rng);
    const lastDay = ratings.at(-1)?.day ?? 0;
    const startDay = Math.floor(rng() * Math.max(1, q.days - lastDay));
    return { journey, segment, damaged, ratings, startDay };
  }).filter((r) => r.ratings.length > 0);
  respondents.sort((a, b) => a.startDay - b.startDay);

  const lines = [HEADER];
  respondents.forEach((r, i) => {
    const id = `${q.prefix}-${String(i + 1).padStart(6, "0")}`;
    for (const rating of r.ratings) {
      const s = scoreRating(rating, rng);
      const fields = [id, isoDate(q.start, r.startDay + rating.day), r.journey.id, rating.touchpoint.id,
        rng.pick(rating.touchpoint.channels), r.segment, s.nps, s.csat, s.ces, s.emotion, s.expectation,
        commentFor(r.journey, rating, s.nps, r.damaged, rng)];
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

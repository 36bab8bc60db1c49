// Everything the site shows, computed once per build from data/ and content/: snapshots in order,
// their cells (snapshot × journey × stage × touchpoint, by channel and segment) with figures,
// suppression and change, and the accounts of every file. Plain data, serialisable as JSON.
import { relative } from 'node:path';
import { choiceItemsOf, countsOf, emptyCell, mergeCell, type CellStats } from '../stats/aggregate.ts';
import type { Config } from '../project/config.ts';
import { loadContent, type Content } from '../project/content.ts';
import { checkTargets } from '../project/targets.ts';
import { listed, quoted } from '../common/errors.ts';
import { figuresOf } from '../stats/figures.ts';
import { changesOf } from '../stats/measures.ts';
import type { FileAccount, SnapshotIngest, TouchpointCells } from '../ingest/ingest.ts';
import { JOURNEY_LEVEL } from '../ingest/column-plan.ts';
import { ingestAll, type ReadOptions } from '../ingest/read-snapshots.ts';
import { orderSnapshots, overlapWarnings } from './snapshot-order.ts';
import { addThemes, type SnapshotTerms } from './themes.ts';
import { journeyDrivers } from './drivers.ts';
import { cachedIntervals, type IntervalsOf } from './drivers-cache.ts';
import { formatDay } from '../read/parse-value.ts';
import { createRedactor } from '../privacy/redact.ts';
import { highs } from '../privacy/lp-solver.ts';
import { suppressAudited, suppressPrimary, suppressSecondary, type SiblingGroup } from '../privacy/suppression.ts';

export { MODEL_SCHEMA_VERSION } from './model-types.ts';
export type { CellModel, SuppressionReason, Breakdown, TouchpointModel, StageModel, JourneyModel, SnapshotModel, SuppressionCounts, SiteModel } from './model-types.ts';
import { MODEL_SCHEMA_VERSION, type CellModel, type Breakdown, type JourneyModel, type SnapshotModel, type SuppressionCounts, type SiteModel } from './model-types.ts';

/** Aggregates of one snapshot arranged by content: journey → stage → touchpoint. */
interface StatsTree {
  total: CellStats;
  journeys: Map<string, { all: CellStats; overall: CellStats | null; channels: Map<string, CellStats>; segments: Map<string, CellStats>; stages: Map<string, { all: CellStats; touchpoints: Map<string, TouchpointCells> }> }>;
}

function statsTree(ingest: SnapshotIngest, content: Content, config: Config): StatsTree {
  const total = emptyCell(config.scales);
  const journeys: StatsTree['journeys'] = new Map();
  for (const journey of content.journeys) {
    const data = ingest.journeys[journey.id];
    const all = emptyCell(config.scales);
    const channels = new Map<string, CellStats>();
    const segments = new Map<string, CellStats>();
    const stages = new Map<string, { all: CellStats; touchpoints: Map<string, TouchpointCells> }>();
    for (const stage of journey.stages) {
      const stageAll = emptyCell(config.scales);
      const touchpoints = new Map<string, TouchpointCells>();
      for (const tp of stage.touchpoints) {
        const cells = data?.touchpoints[tp.id] ?? { all: emptyCell(config.scales), channels: {}, segments: {} };
        touchpoints.set(tp.id, cells);
        mergeCell(stageAll, cells.all);
        for (const [key, cell] of Object.entries(cells.channels)) mergeCell(getOrEmpty(channels, key, config), cell);
        for (const [key, cell] of Object.entries(cells.segments)) mergeCell(getOrEmpty(segments, key, config), cell);
      }
      // A respondent rates several touchpoints: people are counted once, from the ingest's distinct counts.
      stageAll.respondents = data?.respondents.stages[stage.id] ?? 0;
      mergeCell(all, stageAll);
      stages.set(stage.id, { all: stageAll, touchpoints });
    }
    all.respondents = data?.respondents.all ?? 0;
    for (const [key, cell] of channels) cell.respondents = data?.respondents.channels[key] ?? 0;
    for (const [key, cell] of segments) cell.respondents = data?.respondents.segments[key] ?? 0;
    mergeCell(total, all);
    journeys.set(journey.id, { all, overall: data?.touchpoints[JOURNEY_LEVEL]?.all ?? null, channels, segments, stages });
  }
  total.respondents = ingest.respondents;
  return { total, journeys };
}

function getOrEmpty(map: Map<string, CellStats>, key: string, config: Config): CellStats {
  let cell = map.get(key);
  if (!cell) map.set(key, (cell = emptyCell(config.scales)));
  return cell;
}

/** A cell before publication: its statistics, and whether the primary rule suppresses it. */
function draftCell(stats: CellStats, config: Config): CellModel {
  const cell: CellModel = { respondents: stats.respondents, ratings: stats.ratings, suppressed: false, figures: null, change: null, stats };
  suppressPrimary(cell, config.privacy.minRespondents);
  return cell;
}

/**
 * Channel and segment names are published as keys (pages, open data). The ingest redacts them; a key
 * that still holds personal data here (an aggregate given as input or a cached ingest made by an
 * older redactor) is published only as what redaction makes of it, its cells merged with any others
 * that become the same key and suppressed (their respondents may overlap, so the merged count is not
 * a figure to publish). `publishedKey` says what a key becomes.
 */
function breakdown(current: Map<string, CellStats> | Record<string, CellStats>, config: Config, publishedKey: (key: string) => string): Breakdown {
  const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const groups = new Map<string, { cells: CellStats[]; screened: boolean }>();
  for (const [key, cell] of current instanceof Map ? current : Object.entries(current)) {
    const shown = publishedKey(key);
    const group = groups.get(shown) ?? { cells: [], screened: false };
    group.cells.push(cell);
    group.screened ||= shown !== key;
    groups.set(shown, group);
  }
  return Object.fromEntries(
    [...groups].sort(byKey).map(([key, { cells, screened }]) => {
      if (!screened) return [key, draftCell(cells[0]!, config)];
      const cell = draftCell(cells.reduce((merged, c) => mergeCell(merged, c), emptyCell(config.scales)), config);
      cell.suppressed = true;
      cell.suppressedFor = 'personalData';
      return [key, cell];
    }),
  );
}

function draftSnapshot(ingest: SnapshotIngest, tree: StatsTree, content: Content, config: Config, redact: (text: string) => string, warnings: Set<string>): SnapshotModel {
  const publishedKey = (kind: 'channel' | 'segment') => (key: string) => {
    const shown = redact(key);
    // Names the file and the kind of value, never the value.
    if (shown !== key) warnings.add(`${ingest.account.file}: a ${kind} name holds personal data (such as a phone number or an e-mail address); it is published only as its marker, with its figures suppressed. Keep free text out of the ${kind} column.`);
    return shown;
  };
  const channelKey = publishedKey('channel');
  const segmentKey = publishedKey('segment');
  const journeys = content.journeys.map((journey): JourneyModel => {
    const j = tree.journeys.get(journey.id)!;
    return {
      id: journey.id,
      cell: draftCell(j.all, config),
      overall: j.overall && draftCell(j.overall, config),
      channels: breakdown(j.channels, config, channelKey),
      segments: breakdown(j.segments, config, segmentKey),
      themes: null,
      drivers: null,
      stages: journey.stages.map((stage) => {
        const s = j.stages.get(stage.id)!;
        return {
          id: stage.id,
          cell: draftCell(s.all, config),
          touchpoints: stage.touchpoints.map((tp) => {
            const t = s.touchpoints.get(tp.id)!;
            return { id: tp.id, cell: draftCell(t.all, config), channels: breakdown(t.channels, config, channelKey), segments: breakdown(t.segments, config, segmentKey), themes: null };
          }),
        };
      }),
    };
  });
  const unmatched = Object.entries(ingest.journeys)
    .flatMap(([journey, j]) => Object.entries(j.touchpoints).map(([touchpoint, cells]) => ({ journey, touchpoint, ratings: cells.all.ratings })))
    // A journey-level question's ratings are the journey's own; listed only when no content defines the journey.
    .filter((u) => (u.touchpoint === JOURNEY_LEVEL ? !content.journeys.some((j) => j.id === u.journey) : content.stageOf(u.journey, u.touchpoint) === null))
    .sort((a, b) => (a.journey + '\u0000' + a.touchpoint < b.journey + '\u0000' + b.touchpoint ? -1 : 1))
    // Listed on the public data-quality page: an id that is an e-mail address is not published as one.
    // Ids that redaction makes the same are listed once, with their ratings together.
    .reduce<SnapshotModel['unmatched']>((list, u) => {
      const [journey, touchpoint] = [redact(u.journey), redact(u.touchpoint)];
      const same = list.find((x) => x.journey === journey && x.touchpoint === touchpoint);
      if (same) same.ratings += u.ratings;
      else list.push({ journey, touchpoint, ratings: u.ratings });
      return list;
    }, []);
  return {
    id: ingest.id,
    period: ingest.period && { first: formatDay(ingest.period.first), last: formatDay(ingest.period.last) },
    previous: null,
    // Header names are published (data-quality page, open data, warnings): redacted like any text of the export.
    account: { ...ingest.account, unmapped: ingest.account.unmapped.map((u) => ({ ...u, column: redact(u.column) })) },
    total: draftCell(tree.total, config),
    journeys,
    unmatched,
    comments: {},
    suppression: { primary: 0, secondary: 0, audit: 0 },
  };
}

/** Every total with the disjoint parts whose ratings add up to it. */
function siblingGroups(snapshot: SnapshotModel): SiblingGroup<CellModel>[] {
  const groups: SiblingGroup<CellModel>[] = [{ total: snapshot.total, parts: snapshot.journeys.map((j) => j.cell) }];
  for (const j of snapshot.journeys) {
    groups.push({ total: j.cell, parts: j.stages.map((s) => s.cell) });
    groups.push({ total: j.cell, parts: Object.values(j.channels), listed: true }, { total: j.cell, parts: Object.values(j.segments), listed: true });
    for (const s of j.stages) {
      groups.push({ total: s.cell, parts: s.touchpoints.map((t) => t.cell), perRespondent: true });
      for (const t of s.touchpoints) {
        const breakdown = { total: t.cell, disjoint: true, perRespondent: true, listed: true };
        groups.push({ ...breakdown, parts: Object.values(t.channels) }, { ...breakdown, parts: Object.values(t.segments) });
      }
    }
    // A journey's channel is the sum of that channel at each of its touchpoints (and so for segments):
    // a channel hidden at one touchpoint would otherwise be the journey's channel less the others.
    const touchpoints = j.stages.flatMap((s) => s.touchpoints);
    for (const [name, cell] of Object.entries(j.channels)) groups.push({ total: cell, parts: touchpoints.flatMap((t) => t.channels[name] ?? []), perRespondent: true });
    for (const [name, cell] of Object.entries(j.segments)) groups.push({ total: cell, parts: touchpoints.flatMap((t) => t.segments[name] ?? []), perRespondent: true });
  }
  return groups;
}

/**
 * The counts the disclosure audit checks in each of `cells`: every single-choice item any of them has
 * is listed for all, so that an option's count is at the same index in every cell (0 where not asked).
 */
export function auditedCounts(cells: CellModel[]): (cell: CellModel) => ReturnType<typeof countsOf> {
  const choices = choiceItemsOf(cells.flatMap((c) => c.stats ?? []));
  return (cell) => countsOf(cell.stats!, choices);
}

/** Suppression in three rounds, each counted for the data-quality page: small groups, their siblings, then the audit of everything together. */
function suppress(snapshot: SnapshotModel, config: Config): SuppressionCounts {
  const groups = siblingGroups(snapshot);
  // Counted by the rule, not by the flag: a channel key screened for personal data is hidden whatever its size.
  // A journey's overall cell is in no sum (its own total), so in no group, but is a published cell like the others.
  const cells = [...groups.flatMap((g) => [g.total, ...g.parts]), ...snapshot.journeys.flatMap((j) => j.overall ?? [])];
  const primary = new Set(cells.filter((c) => c.suppressed && (c.respondents ?? 0) < config.privacy.minRespondents)).size;
  const secondary = suppressSecondary(groups, config.privacy.minRespondents);
  const audit = suppressAudited(highs, groups, config.privacy.minRespondents, auditedCounts(cells));
  for (const [cell] of pairedCells(snapshot, null)) {
    if (!cell.suppressed || cell.suppressedFor) continue;
    const respondents = cell.respondents ?? 0;
    cell.suppressedFor = respondents === 0 ? 'noData' : respondents < config.privacy.minRespondents ? 'fewRespondents' : 'protection';
  }
  return { primary, secondary, audit };
}

/** Each cell with the same cell of another snapshot (undefined where that one has no such cell). */
function* pairedCells(current: SnapshotModel, previous: SnapshotModel | null): Generator<[CellModel, CellModel | undefined]> {
  const pairs = function* (a: Breakdown, b: Breakdown | undefined): Generator<[CellModel, CellModel | undefined]> {
    for (const [key, cell] of Object.entries(a)) yield [cell, b?.[key]];
  };
  yield [current.total, previous?.total];
  for (const j of current.journeys) {
    const pj = previous?.journeys.find((x) => x.id === j.id);
    yield [j.cell, pj?.cell];
    if (j.overall) yield [j.overall, pj?.overall ?? undefined];
    yield* pairs(j.channels, pj?.channels);
    yield* pairs(j.segments, pj?.segments);
    for (const s of j.stages) {
      const ps = pj?.stages.find((x) => x.id === s.id);
      yield [s.cell, ps?.cell];
      for (const t of s.touchpoints) {
        const pt = ps?.touchpoints.find((x) => x.id === t.id);
        yield [t.cell, pt?.cell];
        yield* pairs(t.channels, pt?.channels);
        yield* pairs(t.segments, pt?.segments);
      }
    }
  }
}

/**
 * Figures for published cells, change against the previous snapshot's cell when that one is published
 * too (a change against a suppressed cell would give it away), and nothing at all for suppressed ones.
 */
function publish(snapshot: SnapshotModel, previous: SnapshotModel | null, config: Config): void {
  snapshot.previous = previous?.id ?? null;
  for (const [cell, before] of pairedCells(snapshot, previous)) {
    if (cell.suppressed) {
      Object.assign(cell, { respondents: null, ratings: null, figures: null, change: null, stats: null });
      continue;
    }
    cell.figures = figuresOf(cell.stats!, config.scales);
    cell.change = before?.stats ? changesOf(cell.stats!, before.stats, config.scales) : null;
  }
}

function publishableComments(snapshot: SnapshotModel, ingest: SnapshotIngest, config: Config): SnapshotModel['comments'] {
  const out: SnapshotModel['comments'] = {};
  for (const j of snapshot.journeys) {
    const overall = j.overall ? [{ id: JOURNEY_LEVEL, cell: j.overall }] : [];
    for (const s of [...j.stages, { touchpoints: overall }]) {
      for (const t of s.touchpoints) {
        const sample = ingest.comments[j.id]?.[t.id];
        if (!sample?.length || t.cell.suppressed || (t.cell.respondents ?? 0) < config.privacy.minCommentRespondents) continue;
        (out[j.id] ??= {})[t.id] = sample;
      }
    }
  }
  return out;
}

/** Ids that no content defines, with their ratings as published: null under the minimum, a small group. */
export function publishedUnmatched(snapshot: Pick<SnapshotModel, 'unmatched'>, privacy: Pick<Config['privacy'], 'minRespondents'>): { journey: string; touchpoint: string; ratings: number | null }[] {
  return snapshot.unmatched.map((u) => ({ ...u, ratings: u.ratings < privacy.minRespondents ? null : u.ratings }));
}

/** Headers neither mapped nor ignored: each could be data the reports leave out without a word (names redacted in the model's account). */
function unmappedWarning(a: FileAccount, mappingFile: string): string {
  const named = (u: FileAccount['unmapped'][number]) => `${quoted(u.column)}${u.suggestion ? ` (${u.suggestion})` : ''}`;
  const fix = `Map ${a.unmappedCount === 1 ? 'it' : 'them'}, or list ${a.unmappedCount === 1 ? 'it' : 'them'} under "ignore" in ${mappingFile}.`;
  if (a.unmappedCount === 1) {
    const [u] = a.unmapped;
    const said = `${a.file}: column ${quoted(u!.column)} is not mapped${u!.suggestion ? `; ${u!.suggestion}` : ''}`;
    return `${said}${said.endsWith('?') ? '' : '.'} ${fix}`;
  }
  const more = a.unmappedCount - a.unmapped.length;
  return `${a.file}: ${a.unmappedCount} columns are not mapped: ${a.unmapped.map(named).join(', ')}${more > 0 ? ` … and ${more.toLocaleString('en-US')} more` : ''}. ${fix}`;
}

/** The site model from already-ingested snapshots (any order); `intervals`: the drivers' (journeyDrivers). */
export function siteModel(ingests: SnapshotIngest[], content: Content, config: Config, intervals?: IntervalsOf): SiteModel {
  checkTargets(content, config.scales);
  const ordered = orderSnapshots(ingests);
  const redact = createRedactor({ names: config.privacy.names, patterns: config.privacy.patterns });
  const snapshots: SnapshotModel[] = [];
  const keyWarnings = new Set<string>();
  let terms: SnapshotTerms | null = null;
  for (const ingest of ordered) {
    const snapshot = draftSnapshot(ingest, statsTree(ingest, content, config), content, config, redact, keyWarnings);
    snapshot.suppression = suppress(snapshot, config);
    publish(snapshot, snapshots.at(-1) ?? null, config);
    snapshot.comments = publishableComments(snapshot, ingest, config);
    terms = addThemes(snapshot, ingest, terms, config.privacy.minComments);
    for (const j of snapshot.journeys) j.drivers = journeyDrivers(ingest.drivers?.[j.id], j, content.journeys.find((c) => c.id === j.id)!, config.privacy.minRespondents, intervals);
    snapshots.push(snapshot);
  }
  const warnings = [...overlapWarnings(ordered), ...keyWarnings];
  for (const s of snapshots) {
    if (s.unmatched.length) {
      // Shown on the public data-quality page too.
      const ids = listed(publishedUnmatched(s, config.privacy), (u) => `${u.journey}/${u.touchpoint} (${u.ratings ?? `fewer than ${config.privacy.minRespondents}`} ratings)`);
      warnings.push(`${s.account.file}: ids that no content defines, so their ratings are in no journey's figures: ${ids}. Add content for them or fix the ids in the data.`);
    }
    if (s.account.unmappedCount > 0) warnings.push(unmappedWarning(s.account, relative(config.root, config.mapping) || config.mapping));
  }
  return {
    schemaVersion: MODEL_SCHEMA_VERSION,
    site: config.site,
    privacy: config.privacy,
    scales: config.scales,
    journeys: content.journeys.map(({ file: _file, ...journey }) => journey),
    snapshots,
    warnings,
  };
}

/**
 * siteModel, the drivers' intervals of data that did not change taken from the last build's, kept in
 * `cacheDir` (drivers-cache.ts; null: computed, as with the cache off).
 */
export function modelWithKeptIntervals(ingests: SnapshotIngest[], content: Content, config: Config, cacheDir: string | null): SiteModel {
  const drivers = cachedIntervals(cacheDir);
  const model = siteModel(ingests, content, config, drivers.intervals);
  drivers.save();
  return model;
}

/** Reads config, content and data; the whole pipeline, once. */
export async function buildSiteModel(config: Config, options: ReadOptions = {}): Promise<SiteModel> {
  const content = loadContent(config.content, config.root);
  return modelWithKeptIntervals(await ingestAll(config, content, options), content, config, options.cacheDir ?? null);
}

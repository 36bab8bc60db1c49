// The site model's shape: what siteModel (site-model.ts) computes and the pages read. Plain data,
// serialisable as JSON (the model file, src/lib/model/model-file.ts).
import type { CellStats } from '../stats/aggregate.ts';
import type { Changes } from '../stats/measures.ts';
import type { Figures } from '../stats/figures.ts';
import type { Config } from '../project/config.ts';
import type { Journey } from '../project/content.ts';
import type { CommentSample, FileAccount } from '../ingest/ingest.ts';

/** The model's version: a model file of another version is not read. */
export const MODEL_SCHEMA_VERSION = 4;

export interface CellModel {
  /** Distinct respondents; null when suppressed. */
  respondents: number | null;
  ratings: number | null;
  /** Fewer respondents than the minimum: no figure of this cell is published. */
  suppressed: boolean;
  /**
   * Why a suppressed cell is hidden, as its label says: no ratings at all, fewer respondents than the
   * minimum, hidden beside such a cell to protect it (secondary suppression or the audit, which count
   * it as at least the minimum, as this says), or a breakdown name that held personal data.
   */
  suppressedFor?: SuppressionReason;
  figures: Figures | null;
  /** Against the same cell of the previous snapshot, when both are published. */
  change: Changes | null;
  /** The sufficient statistics behind the figures (published cells only). */
  stats: CellStats | null;
}

export type SuppressionReason = 'noData' | 'fewRespondents' | 'protection' | 'personalData';

export type Breakdown = Record<string, CellModel>;

export interface TouchpointModel {
  id: string;
  cell: CellModel;
  channels: Breakdown;
  segments: Breakdown;
}

export interface StageModel {
  id: string;
  cell: CellModel;
  touchpoints: TouchpointModel[];
}

export interface JourneyModel {
  id: string;
  cell: CellModel;
  /** The journey-level questions' own cell (overall NPS, rating, comment), in none of the sums; null without such questions. */
  overall: CellModel | null;
  stages: StageModel[];
  channels: Breakdown;
  segments: Breakdown;
}

export interface SnapshotModel {
  id: string;
  /** First and last day the rows cover (YYYY-MM-DD), or null when the file has no dates. */
  period: { first: string; last: string } | null;
  previous: string | null;
  account: FileAccount;
  total: CellModel;
  journeys: JourneyModel[];
  /** Journey and touchpoint ids in the data that no content defines. */
  unmatched: { journey: string; touchpoint: string; ratings: number }[];
  /**
   * Redacted comment samples, journey → touchpoint, only where the touchpoint is published and has
   * at least the comment minimum of respondents. Never written to open data.
   */
  comments: Record<string, Record<string, CommentSample[]>>;
  suppression: SuppressionCounts;
}

/** Cells suppressed by each rule (methodology page, "Small groups"). */
export interface SuppressionCounts {
  /** Fewer respondents than the minimum. */
  primary: number;
  /** A sibling of a suppressed cell, so that a total less its published parts does not give it away. */
  secondary: number;
  /** Added by the audit, so that no cell hidden for being small can be narrowed to a range under the minimum group. */
  audit: number;
}

export interface SiteModel {
  schemaVersion: typeof MODEL_SCHEMA_VERSION;
  site: Config['site'];
  privacy: Config['privacy'];
  scales: Config['scales'];
  journeys: Omit<Journey, 'file'>[];
  /** Oldest first. */
  snapshots: SnapshotModel[];
  warnings: string[];
}

// The site model's shape: what siteModel (site-model.ts) computes and the pages read. Plain data,
// serialisable as JSON (the model file, src/lib/model/model-file.ts).
import type { CellStats } from '../stats/aggregate.ts';
import type { Changes } from '../stats/measures.ts';
import type { Figures } from '../stats/figures.ts';
import type { Config } from '../project/config.ts';
import type { Metric } from '../stats/metrics.ts';
import type { ThemeBasis } from '../stats/theme-groups.ts';
import type { Journey } from '../project/content.ts';
import type { CommentSample, FileAccount } from '../ingest/ingest.ts';

/** The model's version: a model file of another version is not read. */
export const MODEL_SCHEMA_VERSION = 5;

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
  /** What this touchpoint's low and high scorers write about; null without enough comments. */
  themes: ThemesModel | null;
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
  /** Themes over every touchpoint's comments; null without enough comments. */
  themes: ThemesModel | null;
  /** Which touchpoints move the journey's overall score; null without enough respondents or no outcome. */
  drivers: DriversModel | null;
}

/** Defined with the statistics that use it (stats/themes.ts), where the ingest records it too. */
export type { ThemeBasis };

/** A word (a stem) that one group uses more than the other. */
export interface ThemeTerm {
  /** The stem, as counted (Snowball). */
  stem: string;
  /** The word as shown: the stem's most common form in the comments. */
  label: string;
  /** Weighted log-odds z-score (Monroe et al. 2008), low against high group: > 0 the low group says it more. */
  z: number;
  /** Shares of the low and high groups' comments that use it (0–1). */
  lowShare: number;
  highShare: number;
  /** Distinct respondents who used it (at the journey level a lower bound); never below privacy.minComments. */
  respondents: number;
  /** A redacted comment from a published cell that uses it, or null when none is kept. */
  example: string | null;
}

/** A word whose share of comments rose or fell significantly since the previous snapshot. */
export interface ThemeChange {
  stem: string;
  label: string;
  share: number;
  previousShare: number;
  /** Two-proportion z-score of the change. */
  z: number;
}

export interface ThemesModel {
  basis: ThemeBasis;
  /** Comments counted in each group (after redaction, placeholders and short comments left out). */
  lowComments: number;
  highComments: number;
  /** Words the low group uses more (z above the threshold), strongest first; and the high group's, by −z. */
  low: ThemeTerm[];
  high: ThemeTerm[];
  rising: ThemeChange[];
  falling: ThemeChange[];
}

/** One touchpoint's share in explaining the journey's outcome (Johnson's relative weights). */
export interface DriverModel {
  touchpoint: string;
  /** Relative weight: the part of R² this touchpoint accounts for; the weights sum to `r2`. */
  weight: number;
  /** 95% interval of the weight. */
  low: number;
  high: number;
  /** Performance: the touchpoint's mean on the predictor measure, and its target there if one is set. */
  performance: number | null;
  target: number | null;
  /** Respondents who answered both this touchpoint and the outcome. */
  n: number;
  /** High impact (weight above the mean weight) and below target: the first to fix. */
  fixFirst: boolean;
}

export interface DriversModel {
  /** The respondent's overall score: a journey-level question, or the mean of their NPS answers in the journey. */
  outcome: { kind: 'overall' | 'mean-nps'; metric: Metric };
  /** The touchpoint measure used as each driver's score. */
  predictor: Metric;
  r2: number;
  /** Respondents behind the smallest pair of answers used. */
  respondents: number;
  /** Strongest first. */
  drivers: DriverModel[];
  /** Touchpoints left out: answered by fewer than privacy.minRespondents together with the outcome or another touchpoint, all one answer, or answered by too few respondents together with the others for consistent correlations. */
  omitted: { touchpoint: string; reason: 'fewRespondents' | 'noVariance' | 'inconsistent' }[];
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

// Test-only: comment themes and key drivers as the analyses of issue #23 will fill them (the model
// gives null until they land), with values chosen by hand for the pickup journey of the sample, and
// a way to put them into a built model so that pages can be rendered and checked with them.
import type { DriversModel, SiteModel, ThemesModel } from '../lib/model/model-types.ts';

export function pickupThemes(): ThemesModel {
  return {
    basis: { kind: 'nps' },
    lowComments: 84,
    highComments: 120,
    low: [
      { stem: 'jono', label: 'jonossa', z: 4.2, lowShare: 0.31, highShare: 0.05, respondents: 32, example: 'Jonossa meni puoli tuntia, vaikka tilaus oli maksettu.' },
      { stem: 'valmi', label: 'valmis', z: 3.1, lowShare: 0.19, highShare: 0.03, respondents: 21, example: 'Tilaus ei ollut valmis, vaikka viesti niin sanoi.' },
      { stem: 'odot', label: 'odottaa', z: 2.4, lowShare: 0.14, highShare: 0.04, respondents: 17, example: null },
    ],
    high: [
      { stem: 'nopea', label: 'nopeasti', z: -3.6, lowShare: 0.04, highShare: 0.28, respondents: 37, example: 'Nouto sujui nopeasti ja myyjä oli ystävällinen.' },
      { stem: 'ystävällin', label: 'ystävällinen', z: -2.2, lowShare: 0.02, highShare: 0.12, respondents: 16, example: 'Ystävällinen palvelu tiskillä.' },
    ],
    rising: [{ stem: 'jono', label: 'jonossa', share: 0.2, previousShare: 0.12, z: 2.3 }],
    falling: [{ stem: 'nopea', label: 'nopeasti', share: 0.18, previousShare: 0.3, z: -2.5 }],
  };
}

/** A touchpoint's themes on a box basis (1–2 against 4–5 stars), without changes. */
export function boxThemes(): ThemesModel {
  return {
    basis: { kind: 'box', metric: 'rating', low: [1, 2], high: [4, 5] },
    lowComments: 40,
    highComments: 66,
    low: [{ stem: 'jono', label: 'jono', z: 2.9, lowShare: 0.4, highShare: 0.08, respondents: 22, example: 'Liian pitkä jono.' }],
    high: [],
    rising: [],
    falling: [],
  };
}

/** Weights sum to r2 = 0.48, mean weight 0.06; targets are the sample content's. Fix first: above 0.06 and below target. */
export function pickupDrivers(): DriversModel {
  const d = (touchpoint: string, weight: number, performance: number | null, target: number | null, fixFirst: boolean, n = 180) =>
    ({ touchpoint, weight, low: Math.max(0, weight - 0.03), high: weight + 0.04, performance, target, n, fixFirst });
  return {
    outcome: { kind: 'mean-nps', metric: 'nps' },
    predictor: 'emotion',
    r2: 0.48,
    respondents: 176,
    drivers: [
      d('service-desk-queue', 0.14, 0.2, 1, true),
      d('web-order', 0.1, 0.6, 1.5, true),
      d('desk-handover', 0.08, 1.3, 1.5, true),
      d('pickup-code', 0.05, 1.1, 1, false),
      d('store-arrival', 0.04, 1.2, 1, false),
      d('follow-up', 0.03, 0.9, 1, false, 120),
      d('online-ad', 0.02, 1.4, 1.5, false),
      d('price-comparison', 0.02, 1.5, 1.5, false),
    ],
    omitted: [],
  };
}

/** A journey the model gives neither themes nor drivers, so that pages can be checked without them. */
export const WITHOUT_ANALYSES = 'washing-machine';

/**
 * The model with the pickup journey's themes and drivers in every snapshot, its queue's themes on a
 * box basis, and none for WITHOUT_ANALYSES (the sample's own analyses give it both).
 */
export function withAnalyses(model: SiteModel): SiteModel {
  for (const snapshot of model.snapshots) {
    for (const j of snapshot.journeys) if (j.id === WITHOUT_ANALYSES) Object.assign(j, { themes: null, drivers: null });
    const journey = snapshot.journeys.find((j) => j.id === 'electronics-pickup');
    if (!journey || journey.cell.suppressed) continue;
    journey.themes = pickupThemes();
    journey.drivers = pickupDrivers();
    for (const stage of journey.stages) for (const tp of stage.touchpoints) if (tp.id === 'service-desk-queue' && !tp.cell.suppressed) tp.themes = boxThemes();
  }
  return model;
}

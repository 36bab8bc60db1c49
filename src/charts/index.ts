// Charts: pure functions from data to a tree of SVG nodes, rendered by components/Svg.astro.
export { h, toSvgString, round2, type SvgNode, type Attrs } from './svg.ts';
export { chartFormats, defaultFormats, type ChartFormats } from './format.ts';
export { CHART_LAYOUTS, type ChartLayout } from './theme.ts';
export { emotionCurve, EMOTION_CURVE_MARGIN, type CurvePoint, type EmotionCurveData, type EmotionCurveOptions } from './emotion-curve.ts';
export { trendSmallMultiples, TREND_LAYOUT, type TrendData, type TrendOptions, type TrendSeries, type TrendValue } from './trend.ts';
export { npsBar, type NpsBarData, type NpsBarOptions } from './nps-bar.ts';
export { distribution, type DistributionData, type DistributionOptions } from './distribution.ts';
export { priorityChart, priorityLayout, placeLabel, PRIORITY_MARGIN, type PriorityData, type PriorityOptions, type PriorityPoint } from './priority.ts';

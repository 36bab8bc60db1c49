// The components playbook authors may use in MDX, by the names they write.
import Callout from './Callout.astro';
import Checklist from './Checklist.astro';
import Metric from './Metric.astro';
import Steps from './Steps.astro';
import EmotionCurve from '../EmotionCurve.astro';
import TouchpointCard from '../TouchpointCard.astro';

export const mdxComponents = { Callout, Checklist, EmotionCurve, Metric, Steps, TouchpointCard };

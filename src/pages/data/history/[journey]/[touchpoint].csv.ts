import type { APIRoute } from 'astro';
import { touchpointHistoryCsv } from '../../../../lib/model/open-data';
import { model } from '../../../../site/model';

// Every touchpoint of the content, each with its rows of every snapshot: rendered on every build (a
// file per touchpoint, growing by a row a snapshot), never kept.
export function getStaticPaths() {
  return model.journeys.flatMap((journey) => journey.stages.flatMap((stage) => stage.touchpoints.map((touchpoint) => ({ params: { journey: journey.id, touchpoint: touchpoint.id } }))));
}

export const GET: APIRoute = ({ params }) =>
  new Response(touchpointHistoryCsv(model, params.journey!, params.touchpoint!), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });

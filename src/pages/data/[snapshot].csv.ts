import type { APIRoute } from 'astro';
import { touchpointCsv } from '../../lib/open-data';
import { model } from '../../site/model';

export function getStaticPaths() {
  return model.snapshots.map((snapshot) => ({ params: { snapshot: snapshot.id }, props: { snapshot } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response(touchpointCsv(props.snapshot), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });

import type { APIRoute } from 'astro';
import { touchpointCsv } from '../../lib/model/open-data';
import { renderedSnapshots } from '../../site/model';

export function getStaticPaths() {
  return renderedSnapshots.map((snapshot) => ({ params: { snapshot: snapshot.id }, props: { snapshot } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response(touchpointCsv(props.snapshot), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });

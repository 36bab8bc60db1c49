import type { APIRoute } from 'astro';
import { snapshotJson } from '../../lib/model/open-data';
import { model, renderedSnapshots } from '../../site/model';

export function getStaticPaths() {
  return renderedSnapshots.map((snapshot) => ({ params: { snapshot: snapshot.id }, props: { snapshot } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response(snapshotJson(model, props.snapshot), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });

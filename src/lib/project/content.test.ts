import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../test/temp-files.ts';
import { loadContent } from './content.ts';
import { PolkuError } from '../common/errors.ts';

const tempFile = useTempFiles('polku-content-');
let counter = 0;

const JOURNEY = 'title: Pickup\nsummary: Order online, pick up in store.\nstages:\n  - id: purchase\n    title: Purchase\n  - id: pickup\n    title: Pickup\n';
const playbook = (fields: Record<string, unknown>) =>
  `---\n${Object.entries({ title: 'Queue', journey: 'pickup', stage: 'pickup', order: 2, channels: ['store'], owner: 'Store', promise: 'Fast.', target: 0.5, expected: 0, escalation: 'Manager', ...fields })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n---\n\n## What good looks like\n`;

/** A content folder from a map of relative paths to file texts. */
function content(files: Record<string, string>): { dir: string; root: string } {
  const root = join(dirname(tempFile(`marker-${++counter}`, '')), `project-${counter}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'content', path)), { recursive: true });
    writeFileSync(join(root, 'content', path), text);
  }
  return { dir: join(root, 'content'), root };
}

function failure(files: Record<string, string>): PolkuError {
  const { dir, root } = content(files);
  try {
    loadContent(dir, root);
  } catch (error) {
    if (error instanceof PolkuError) return error;
    throw error;
  }
  throw new Error('expected a PolkuError');
}

describe('loadContent', () => {
  it('reads a playbook without target or expected, and with targets on other measures', () => {
    const { dir, root } = content({ 'journeys/pickup.yaml': JOURNEY, 'touchpoints/pickup/queue.mdx': playbook({ target: undefined, expected: undefined, targets: { csatMean: 4.2 } }) });
    const tp = loadContent(dir, root).journeys[0]!.stages[1]!.touchpoints[0]!;
    expect([tp.target, tp.expected, tp.targets]).toEqual([undefined, undefined, { csatMean: 4.2 }]);
  });

  it('names an unknown measure under targets', () => {
    const error = failure({ 'journeys/pickup.yaml': JOURNEY, 'touchpoints/pickup/queue.mdx': playbook({ targets: { csat: 4 } }) });
    expect(error.message).toMatch(/^field "targets": /);
  });

  it('orders stages as the journey lists them and touchpoints by order', () => {
    const { dir, root } = content({
      'journeys/pickup.yaml': JOURNEY,
      'touchpoints/pickup/queue.mdx': playbook({ order: 2 }),
      'touchpoints/pickup/handover.mdx': playbook({ order: 3, title: 'Handover' }),
      'touchpoints/pickup/web-order.mdx': playbook({ order: 1, stage: 'purchase', title: 'Web order' }),
    });
    const c = loadContent(dir, root);
    expect(c.journeys[0]!.stages.map((s) => [s.id, s.touchpoints.map((t) => t.id)])).toEqual([
      ['purchase', ['web-order']],
      ['pickup', ['queue', 'handover']],
    ]);
    expect(c.stageOf('pickup', 'queue')).toBe('pickup');
    expect(c.stageOf('pickup', 'nope')).toBeNull();
  });

  it('names the file and field of a schema error', () => {
    const error = failure({ 'journeys/pickup.yaml': JOURNEY, 'touchpoints/pickup/queue.mdx': playbook({ target: 'high' }) });
    expect(error.location?.file).toBe('content/touchpoints/pickup/queue.mdx');
    expect(error.message).toMatch(/^field "target": /);
  });

  it('names a missing required field', () => {
    const error = failure({ 'journeys/pickup.yaml': JOURNEY, 'touchpoints/pickup/queue.mdx': playbook({ promise: undefined }) });
    expect(error.message).toMatch(/^field "promise": /);
  });

  it('refuses a stage the journey does not have, listing the ones it has', () => {
    const error = failure({ 'journeys/pickup.yaml': JOURNEY, 'touchpoints/pickup/queue.mdx': playbook({ stage: 'delivery' }) });
    expect(error.format()).toContain('field "stage": "delivery" is not a stage of journey "pickup"');
    expect(error.format()).toContain('use one of: purchase, pickup');
  });

  it('refuses a playbook whose journey field disagrees with its folder', () => {
    const error = failure({ 'journeys/pickup.yaml': JOURNEY, 'touchpoints/pickup/queue.mdx': playbook({ journey: 'delivery' }) });
    expect(error.message).toBe('field "journey": "delivery" does not match its folder "pickup"');
  });

  it('refuses a folder that names no journey', () => {
    const error = failure({ 'journeys/pickup.yaml': JOURNEY, 'touchpoints/pikcup/queue.mdx': playbook({ journey: 'pikcup' }) });
    expect(error.message).toBe('the folder "pikcup" names no journey');
  });

  it('refuses duplicate stage ids and bad file names', () => {
    expect(failure({ 'journeys/pickup.yaml': `${JOURNEY}  - id: pickup\n    title: Again\n` }).message).toBe('stage id "pickup" appears twice');
    expect(failure({ 'journeys/Pick Up.yaml': JOURNEY }).message).toMatch(/is not a valid id/);
  });

  it('reports YAML syntax errors with their line', () => {
    const error = failure({ 'journeys/pickup.yaml': 'title: Pickup\nsummary: [unclosed\nstages: []\n' });
    expect(error.message).toMatch(/^not valid YAML/);
    expect(error.location?.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses a playbook without frontmatter', () => {
    expect(failure({ 'journeys/pickup.yaml': JOURNEY, 'touchpoints/pickup/queue.mdx': '# Queue\n' }).message).toBe('the playbook has no frontmatter');
  });

  it('links a playbook’s translations by id: the journey’s language is the touchpoint, the other its translation', () => {
    const { dir, root } = content({
      'journeys/pickup.yaml': `${JOURNEY}lang: fi\ntranslations:\n  en:\n    title: Pickup in English\n    summary: Order online.\n    stages:\n      pickup: Collection\n`,
      'touchpoints/pickup/queue.fi.mdx': playbook({ title: 'Jono', owner: 'Myymälä' }),
      'touchpoints/pickup/queue.en.mdx': playbook({ title: 'Queue', owner: 'Store' }),
    });
    const [journey] = loadContent(dir, root).journeys;
    expect(journey!.translations.en).toEqual({ title: 'Pickup in English', summary: 'Order online.', stages: { pickup: 'Collection' } });
    const queue = journey!.stages[1]!.touchpoints;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ id: 'queue', lang: 'fi', title: 'Jono', owner: 'Myymälä', file: 'content/touchpoints/pickup/queue.fi.mdx' });
    expect(queue[0]!.translations).toEqual({ en: { title: 'Queue', owner: 'Store', promise: 'Fast.', escalation: 'Manager', file: 'content/touchpoints/pickup/queue.en.mdx' } });
  });

  it('stops a translation whose figures differ from its playbook, naming the field and both files', () => {
    const e = failure({
      'journeys/pickup.yaml': `${JOURNEY}lang: en\n`,
      'touchpoints/pickup/queue.mdx': playbook({}),
      'touchpoints/pickup/queue.fi.mdx': playbook({ title: 'Jono', target: 1 }),
    });
    expect(e.message).toContain('field "target" differs from content/touchpoints/pickup/queue.mdx (1 here, 0.5 there)');
    expect(e.location?.file).toBe('content/touchpoints/pickup/queue.fi.mdx');
  });

  it('stops a journey translation that names a stage the journey does not have', () => {
    const e = failure({ 'journeys/pickup.yaml': `${JOURNEY}translations:\n  fi:\n    title: Nouto\n    summary: Tilaa verkosta.\n    stages:\n      delivery: Toimitus\n` });
    expect(e.message).toContain('"translations.fi.stages": "delivery" is not a stage of this journey');
  });
});

// What an analyst sees when data is wrong: rejected rows reported with file:line, strict mode, and a
// malformed file that stops the build while the previous dist/ stays as it was.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../src/lib/model/validate.ts';
import { buildSite, PROJECT } from './build-site.ts';
import { captured } from './captured.ts';

const HEADER = 'response_id,submitted_at,journey,touchpoint,channel,segment,nps,csat,ces,emotion,expectation,comment';
let dir: string;
let dist: string;

function project(snapshot: string): Record<string, string> {
  const root = mkdtempSync(join(dir, 'project-'));
  mkdirSync(join(root, 'data/snapshots'), { recursive: true });
  writeFileSync(join(root, 'data/snapshots/2026-q1.csv'), snapshot);
  writeFileSync(join(root, 'polku.config.jsonc'), JSON.stringify({ content: join(PROJECT, 'content') }));
  return { POLKU_CONFIG: join(root, 'polku.config.jsonc') };
}

function rows(n: number, extra: string[] = []): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) lines.push(`R${i},2026-02-0${1 + (i % 9)},electronics-pickup,online-ad,web,new,${i % 11},4,5,1,1,`);
  return [...lines, ...extra].join('\n') + '\n';
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-fail-'));
  dist = join(dir, 'dist');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a build with rejected rows', () => {
  const data = rows(12, ['R99,2026-02-01,electronics-pickup,online-ad,web,new,11,4,5,1,1,', 'R5,2026-02-01,electronics-pickup,online-ad,web,new,7,4,5,1,1,']);

  it('succeeds and reports each rejected row with its file and line', () => {
    const result = buildSite(dist, project(data));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('rows read 14 = accepted 12 + rejected 2');
    expect(result.stdout).toContain('data/snapshots/2026-q1.csv:14 (column 7, "nps"): nps: 11 is outside the scale 0 to 10');
    expect(result.stdout).toMatch(/2026-q1\.csv:15: duplicate/);
    const page = readFileSync(join(dist, 'data-quality/index.html'), 'utf8');
    expect(page).toContain('14 = 12 accepted + 2 rejected');
  });

  it('fails in strict mode and leaves the previous site untouched', () => {
    writeFileSync(join(dist, 'marker.txt'), 'previous build');
    const result = buildSite(dist, { ...project(data), POLKU_STRICT: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('strict mode: data/snapshots/2026-q1.csv has 2 rejected rows');
    expect(readFileSync(join(dist, 'marker.txt'), 'utf8')).toBe('previous build');
  });
});

describe('a snapshot that loses every row', () => {
  it('fails the build naming the file and the top reason, with its fix', () => {
    const lines = [HEADER, ...Array.from({ length: 3 }, (_, i) => `R${i},2026-02-01,electronics-pickup,online-ad,web,new,9,0,5,1,1,`)];
    const result = buildSite(dist, project(lines.join('\n') + '\n'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('data/snapshots/2026-q1.csv: no row is accepted, all 3 rejected. The commonest reasons:\n  3 × csat 0 out of range (100% of rows)');
    expect(result.stderr).toContain('How to fix: if 0 means "not applicable" in column "csat", add "notApplicable": ["0"]');
  });
});

describe('content mistakes', () => {
  /** A project with the sample content copied, one playbook changed. */
  function withPlaybook(path: string, edit: (text: string) => string): Record<string, string> {
    const root = mkdtempSync(join(dir, 'content-'));
    cpSync(join(PROJECT, 'content'), join(root, 'content'), { recursive: true });
    cpSync(join(PROJECT, 'data'), join(root, 'data'), { recursive: true });
    writeFileSync(join(root, 'content', path), edit(readFileSync(join(root, 'content', path), 'utf8')));
    writeFileSync(join(root, 'polku.config.jsonc'), '{}');
    return { POLKU_CONFIG: join(root, 'polku.config.jsonc') };
  }

  it('a broken link between playbooks fails the build with its file, line and a suggestion', () => {
    const env = withPlaybook('touchpoints/electronics-pickup/web-order.mdx', (text) => `${text}\nSee also [the queue](../servce-desk-queue/).\n`);
    const result = buildSite(dist, env);
    expect(result.status).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/touchpoints\/electronics-pickup\/web-order\.mdx:\d+:\d+/);
    expect(output).toContain('../service-desk-queue/');
    expect(output, 'no stack trace after a content error').not.toMatch(/^\s+at /m);
  });

  it('a misspelt component prop fails the build naming the component and prop', () => {
    const env = withPlaybook('touchpoints/washing-machine/complaint-handling.mdx', (text) => `${text}\n<Callout type="recover">Call back the same day.</Callout>\n`);
    const result = buildSite(dist, env);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('<Callout> in washing-machine/complaint-handling: prop "type"');
    expect(result.stdout + result.stderr, 'no stack trace after a content error').not.toMatch(/^\s+at /m);
  });
});

describe('a malformed file', () => {
  const MALFORMED: [name: string, text: string, message: string][] = [
    ['header only', `${HEADER}\n`, 'data/snapshots/2026-q1.csv:2: the file has a header but no rows'],
    ['empty', '', 'data/snapshots/2026-q1.csv: the file is empty'],
    ['missing column', 'response_id,journey,nps\nR1,x,5\n', 'data/snapshots/2026-q1.csv:1: required column "touchpoint" is missing'],
    ['unclosed quote', `${HEADER}\nR1,2026-02-01,electronics-pickup,online-ad,web,new,9,4,5,1,1,"never closed\n${'R2,x\n'.repeat(20)}`, 'a quoted field that starts on line 2 is never closed'],
  ];

  // The message is the data pipeline's, the same for npm run validate and npm run build: checked in this process.
  it.each(MALFORMED)('%s: one clear message, with how to fix it', async (_name, text, message) => {
    const result = captured();
    expect(await validate(PROJECT, project(text), [], result.effects)).toBe(1);
    expect(result.stderr()).toContain(message);
    expect(result.stderr()).toContain('How to fix:');
  });

  it('stops the build with that message, previous dist/ kept', () => {
    const [, text, message] = MALFORMED[0]!;
    writeFileSync(join(dist, 'marker.txt'), 'previous build');
    const result = buildSite(dist, project(text));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('How to fix:');
    expect(readFileSync(join(dist, 'marker.txt'), 'utf8')).toBe('previous build');
  });
});

// Writes what scaffoldExport (scaffold.ts) made into a project: the export as a snapshot, the
// mapping, the journey and touchpoint stubs, and the settings it needs (periods, a rating's scale).
// Nothing that exists is overwritten without `force`; the bundled sample is moved aside only when asked.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { PolkuError, listed } from '../common/errors.ts';
import { CONFIG_FILE, type Config, type Period } from './config.ts';
import { journeyStub, touchpointStub, type Scaffold } from './scaffold.ts';

export interface WriteOptions {
  /** Overwrite the mapping, stubs and snapshot when they exist. */
  force?: boolean;
  /** Move the snapshots and content already there to sample/ first. */
  replaceSample?: boolean;
  /** Split the export into snapshots by this period (polku.config.jsonc "periods"). */
  periods?: Period;
  /** The snapshot's id (its file name in data/snapshots). */
  snapshotId: string;
}

/** Where the sample is set aside: sample/data/snapshots and sample/content. */
export const SAMPLE_DIR = 'sample';

export interface Written {
  files: string[];
  setAside: string[];
}

export function writeScaffold(config: Config, scaffold: Scaffold, exportPath: string, options: WriteOptions): Written {
  const show = (path: string) => relative(config.root, path);
  const snapshot = join(config.snapshots, `${options.snapshotId}.csv`);
  const planned: [path: string, text: string | null][] = [[config.mapping, scaffold.mappingText]];
  for (const journey of scaffold.journeys) {
    planned.push([join(config.content, 'journeys', `${journey.id}.yaml`), journeyStub(journey)]);
    for (const [i, t] of journey.touchpoints.entries()) planned.push([join(config.content, 'touchpoints', journey.id, `${t.id}.mdx`), touchpointStub(journey.id, t, i + 1)]);
  }
  const sameFile = existsSync(snapshot) && readFileSync(snapshot).equals(readFileSync(exportPath));
  if (!sameFile) planned.push([snapshot, null]);

  // Checked before anything moves: a refusal leaves the project as it was.
  if (options.replaceSample && existsSync(join(config.root, SAMPLE_DIR))) {
    throw new PolkuError(`${SAMPLE_DIR}/ exists already`, { file: SAMPLE_DIR }, `move or remove ${SAMPLE_DIR}/ first, or run without --replace-sample.`);
  }
  const existing = options.replaceSample ? [] : planned.filter(([path]) => existsSync(path)).map(([path]) => show(path));
  if (existing.length && !options.force) {
    throw new PolkuError(`init would overwrite ${listed(existing, (f) => f)}`, { file: existing[0]! }, 'run it again with --force to overwrite them, or with --replace-sample to move the sample aside first.');
  }
  const others = options.replaceSample ? [] : listFiles(config.snapshots).filter((f) => join(config.snapshots, f) !== snapshot);
  if (others.length) {
    throw new PolkuError(
      `the snapshot folder holds other exports too (${listed(others, (f) => f)}), which the new mapping would be applied to`,
      { file: show(config.snapshots) },
      `run again with --replace-sample to move them and the content beside them to ${SAMPLE_DIR}/, or remove them.`,
    );
  }
  const setAside = options.replaceSample ? setAsideSample(config) : [];
  for (const [path, text] of planned) {
    mkdirSync(dirname(path), { recursive: true });
    if (text === null) copyFileSync(exportPath, path);
    else writeFileSync(path, text);
  }
  const settings: [path: string[], value: unknown][] = [];
  if (options.periods) settings.push([['periods'], options.periods]);
  if (scaffold.settings.scales) settings.push([['scales', 'rating'], scaffold.settings.scales.rating]);
  if (settings.length) writeSettings(config, settings);
  return { files: [...planned.map(([path]) => show(path)), ...(settings.length ? [CONFIG_FILE] : [])], setAside };
}

const listFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.') && n.toLowerCase() !== 'readme.md') : []);

/** Moves every snapshot, the content and the mapping to sample/, keeping their paths under it. */
function setAsideSample(config: Config): string[] {
  const moved: string[] = [];
  const targets = [config.snapshots, join(config.content, 'journeys'), join(config.content, 'touchpoints')];
  for (const dir of targets) {
    for (const name of listFiles(dir)) moveInto(config.root, join(dir, name), moved);
  }
  if (existsSync(config.mapping)) moveInto(config.root, config.mapping, moved);
  return moved;
}

function moveInto(root: string, path: string, moved: string[]): void {
  const target = join(root, SAMPLE_DIR, relative(root, path));
  mkdirSync(dirname(target), { recursive: true });
  renameSync(path, target);
  moved.push(`${relative(root, path)} → ${relative(root, target)}`);
}

/** Sets keys of polku.config.jsonc ("periods", a rating's scale), keeping its comments (the file is made when missing). */
function writeSettings(config: Config, settings: [path: string[], value: unknown][]): void {
  const file = join(config.root, CONFIG_FILE);
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '{\n}\n';
  for (const [path, value] of settings) text = applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  writeFileSync(file, text);
}

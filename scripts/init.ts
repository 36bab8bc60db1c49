// npm run init -- <export.csv> [--journey <id>] [--periods month|quarter|half|year] [--replace-sample] [--force]:
// reads a survey export, writes data/mapping.jsonc (each choice explained in its comments), the
// journey and touchpoint stubs and the export as a snapshot, and prints the next command.
import { parseArgs } from 'node:util';
import { basename, resolve } from 'node:path';
import { loadConfig, PERIODS, type Period } from '../src/lib/project/config.ts';
import { fromSystemError, PolkuError } from '../src/lib/common/errors.ts';
import { readExportSample, scaffoldExport } from '../src/lib/project/scaffold.ts';
import { idFrom } from '../src/lib/project/recognise-column.ts';
import { SAMPLE_DIR, writeScaffold } from '../src/lib/project/scaffold-files.ts';

const USAGE = 'npm run init -- <export.csv> [--journey <id>] [--periods month|quarter|half|year] [--replace-sample] [--force]';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { journey: { type: 'string' }, periods: { type: 'string' }, 'replace-sample': { type: 'boolean' }, force: { type: 'boolean' } },
  });
  const [exportArg] = positionals;
  if (!exportArg || positionals.length > 1) throw new PolkuError('name one export file', { file: 'npm run init' }, `run ${USAGE}`);
  if (values.periods !== undefined && !PERIODS.includes(values.periods as Period)) throw new PolkuError(`--periods ${values.periods} is not a period`, { file: exportArg }, `use one of ${PERIODS.join(', ')}.`);
  const name = idFrom(basename(exportArg).replace(/\.[^.]+$/, ''), 'export');
  const journey = values.journey ?? name;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(journey)) throw new PolkuError(`--journey ${journey} is not an id`, { file: exportArg }, 'use lowercase letters, digits and hyphens, e.g. --journey online-shop.');
  const config = loadConfig();
  const exportPath = resolve(exportArg);
  const scaffold = scaffoldExport(await readExportSample(exportPath, exportArg), { journey, scales: config.scales });
  const written = writeScaffold(config, scaffold, exportPath, {
    snapshotId: name,
    force: values.force,
    replaceSample: values['replace-sample'],
    periods: values.periods as Period | undefined,
  });
  if (written.setAside.length) console.log(`set the sample aside in ${SAMPLE_DIR}/ (${written.setAside.length} files and folders)`);
  console.log(scaffold.preset ? `recognised a ${scaffold.preset.name} export` : 'recognised the columns by their names and answers');
  for (const c of scaffold.choices) console.log(`  ${c.header || '(no name)'}: ${c.role === 'metadata' ? 'ignored on purpose' : c.role === 'personal' ? 'never mapped' : c.role}`);
  if (scaffold.settings.scales) console.log(`set "scales": { "rating": [${scaffold.settings.scales.rating.join(', ')}] } in polku.config.jsonc, the ratings' scale`);
  console.log(`wrote ${written.files.join(', ')}`);
  console.log('next: npm run build && npm run preview   (read data/mapping.jsonc first: its comments say why each column was mapped or left out)');
} catch (caught) {
  const error = caught instanceof PolkuError ? caught : fromSystemError(caught, process.cwd());
  if (!error) throw caught;
  console.error(`error: ${error.format()}`);
  process.exitCode = 1;
}

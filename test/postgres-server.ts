// A real PostgreSQL server for a test: Debian's `postgresql` package, started in a temporary data
// directory that only it uses (a Unix socket there, no TCP), stopped and removed afterwards. Runs
// sql/aggregate.sql rendered for PostgreSQL through psql, as an organisation would on its server.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { aggregateSql } from '../src/lib/ingest/sql-dialects.ts';
import type { Scales } from '../src/lib/stats/metrics.ts';

const PG_ROOT = '/usr/lib/postgresql';
const PORT = '5432'; // names the socket file in the server's own folder: no other server sees it

/** The newest installed server's bin folder; a clear failure when there is none. */
export function postgresBinaries(root = PG_ROOT): string {
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(`PostgreSQL's server is not installed (no ${root}/<version>/bin/initdb). This test runs sql/aggregate.sql on a real server: install Debian's package with \`apt-get install -y postgresql\` (.ci/run does).`);
  }
  return join(root, newest, 'bin');
}

export interface PostgresServer {
  /** Runs a psql script; its standard output (COPY … TO STDOUT writes there). */
  psql(script: string): string;
  stop(): void;
}

export function startPostgres(): PostgresServer {
  const bin = postgresBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'polku-postgres-'));
  // initdb refuses to run as root: as root, the server runs as Debian's postgres user, owning the folder.
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (pg.status !== 0) throw new Error('running as root, and there is no postgres user to run PostgreSQL as: install Debian\'s postgresql package, which makes it.');
    chownSync(dir, Number(pg.stdout), Number(gid.stdout));
  }
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${command} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-k ${dir} -p ${PORT} -c listen_addresses=''`, 'start']);
  let running = true;
  return {
    psql(script) {
      const result = spawnSync(join(bin, 'psql'), ['-h', dir, '-p', PORT, '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { input: script, encoding: 'utf8', maxBuffer: 1 << 28 });
      if (result.status !== 0) throw new Error(`psql failed (${result.status}): ${result.stderr}`);
      return result.stdout;
    },
    stop() {
      if (running) run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * A raw export in Polku's long layout → the aggregate as CSV, computed by the server: the rows are
 * loaded with COPY (which numbers them in file order), then the PostgreSQL rendering of the SQL runs.
 */
export function aggregateWithPostgres(server: PostgresServer, options: { input: string; output: string; stages: [string, string, string][]; scales: Scales }): void {
  const header = readFileSync(options.input, 'utf8').split(/\r?\n/, 1)[0]!.replace(/^\uFEFF/, '');
  const columns = header.split(',').map((c) => `"${c.trim()}"`);
  const stages = options.stages.map((r) => `(${r.map(literal).join(', ')})`).join(', ');
  const csv = server.psql(
    [
      'DROP TABLE IF EXISTS responses, stages;',
      `CREATE TABLE responses (row_order bigint GENERATED ALWAYS AS IDENTITY, ${columns.map((c) => `${c} text`).join(', ')});`,
      `\\copy responses (${columns.join(', ')}) FROM ${literal(options.input)} WITH (FORMAT csv, HEADER true)`,
      'CREATE TABLE stages (journey text, touchpoint text, stage text);',
      stages ? `INSERT INTO stages VALUES ${stages};` : '',
      `COPY (${aggregateSql(options.scales, 'postgres')}) TO STDOUT WITH (FORMAT csv, HEADER true);`,
    ].join('\n'),
  );
  writeFileSync(options.output, csv);
}

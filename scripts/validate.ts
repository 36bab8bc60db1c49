// npm run validate [-- --strict] [-- --all]: checks data/ against content/ and prints the
// data-quality report, without building the site. Exit code 1 on a fatal error or a strict failure.
import { loadConfig } from '../src/lib/project/config.ts';
import { dataLossFailure, dataLossWarnings, formatDataReport, strictFailure } from '../src/lib/model/data-report.ts';
import { fromSystemError, PolkuError } from '../src/lib/common/errors.ts';
import { buildSiteModel } from '../src/lib/model/site-model.ts';

const args = new Set(process.argv.slice(2));
try {
  const config = loadConfig();
  if (args.has('--strict')) config.strict = true;
  const model = await buildSiteModel(config);
  console.log(formatDataReport(model, { maxListed: args.has('--all') ? Infinity : 20 }));
  for (const warning of dataLossWarnings(model, config.checks.maxRejectedShare)) console.warn(`warning: ${warning}`);
  const failure = dataLossFailure(model) ?? (config.strict ? strictFailure(model) : null);
  if (failure) {
    console.error(failure);
    process.exitCode = 1;
  }
} catch (caught) {
  const error = caught instanceof PolkuError ? caught : fromSystemError(caught, process.cwd());
  if (!error) throw caught;
  console.error(`error: ${error.format()}`);
  process.exitCode = 1;
}

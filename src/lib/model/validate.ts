// npm run validate: checks data/ against content/ and prints the data-quality report, without building
// the site. A function of the project, its environment and arguments, with its side effects passed in
// (common/effects.ts), so tests run it in their own process; scripts/validate.ts runs it for a person.
import { REAL_EFFECTS, type Effects } from '../common/effects.ts';
import { fromSystemError, PolkuError } from '../common/errors.ts';
import { loadConfig } from '../project/config.ts';
import { dataLossFailure, dataLossWarnings, formatDataReport, strictFailure } from './data-report.ts';
import { buildSiteModel } from './site-model.ts';

/** Validates the project at `root` (`--strict` fails on any rejected row or unmapped column, `--all` lists every rejection); the exit code: 1 on a fatal error, a snapshot without an accepted row, or a strict failure. */
export async function validate(root: string, env: NodeJS.ProcessEnv, args: readonly string[], effects: Effects = REAL_EFFECTS): Promise<number> {
  try {
    const config = loadConfig(root, env);
    if (args.includes('--strict')) config.strict = true;
    const model = await buildSiteModel(config, { workers: effects.workers });
    effects.logger.log(formatDataReport(model, { maxListed: args.includes('--all') ? Infinity : 20 }));
    for (const warning of dataLossWarnings(model, config.checks.maxRejectedShare)) effects.logger.error(`warning: ${warning}`);
    const failure = dataLossFailure(model) ?? (config.strict ? strictFailure(model) : null);
    if (failure) {
      effects.logger.error(failure);
      return 1;
    }
    return 0;
  } catch (caught) {
    const error = caught instanceof PolkuError ? caught : fromSystemError(caught, root);
    if (!error) throw caught;
    effects.logger.error(`error: ${error.format()}`);
    return 1;
  }
}

// npm run validate [-- --strict] [-- --all]: checks data/ against content/ and prints the
// data-quality report, without building the site (src/lib/model/validate.ts). Exit code 1 on a fatal
// error or a strict failure.
import { validate } from '../src/lib/model/validate.ts';

process.exitCode = await validate(process.cwd(), process.env, process.argv.slice(2));

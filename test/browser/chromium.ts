// The browser the browser tests drive (playwright-core never downloads one): scripts/chromium.ts finds
// it (CHROME_PATH, then the usual Linux locations). When there is none, a Debian or Ubuntu machine on
// which we are root gets Debian's chromium package installed here, saying so; anywhere else the tests
// fail with the command to run. They are never skipped.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_PATHS, findChromium } from '../../scripts/chromium.ts';

export { CHROMIUM_ARGS };

export const BROWSER_PATHS = [...CHROMIUM_PATHS, '/usr/bin/google-chrome-stable'];
export const APT_INSTALL = 'apt-get update && apt-get install -y chromium';

export interface Machine {
  env: NodeJS.ProcessEnv;
  /** Where to look after CHROME_PATH. */
  paths: string[];
  /** The text of /etc/os-release, or null where there is none. */
  osRelease: string | null;
  uid: number | undefined;
  install: (command: string) => void;
  log: (message: string) => void;
}

const thisMachine = (): Machine => ({
  env: process.env,
  paths: BROWSER_PATHS,
  osRelease: existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : null,
  uid: process.getuid?.(),
  install: (command) => execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }),
  log: (message) => console.log(message),
});

const debianLike = (osRelease: string | null) => osRelease !== null && /^(ID|ID_LIKE)=["']?[\w ]*\b(debian|ubuntu)\b/m.test(osRelease);

/** The browser's path, installing Debian's chromium first where that is possible and needed. */
export function chromiumPath(machine: Machine = thisMachine()): string {
  const { env, paths } = machine;
  // A CHROME_PATH that points nowhere is a mistake to report, not a reason to install something.
  if (env.CHROME_PATH) return findChromium(env, paths);
  try {
    return findChromium(env, paths);
  } catch {
    const looked = `looked at CHROME_PATH (unset), ${paths.join(', ')}`;
    if (!debianLike(machine.osRelease)) {
      throw new Error(`The browser tests need Chromium or Chrome and found none (${looked}). Install Chromium or Google Chrome, then run: CHROME_PATH=/path/to/chrome npm test`);
    }
    if (machine.uid !== 0) {
      throw new Error(`The browser tests need Chromium and found none (${looked}). Install Debian's package: sudo ${APT_INSTALL.replace('&& apt-get', '&& sudo apt-get')}`);
    }
    machine.log(`The browser tests need Chromium and found none (${looked}); installing Debian's chromium package: ${APT_INSTALL}`);
    machine.install(APT_INSTALL);
    return findChromium(env, paths);
  }
}

// Debian's Chromium for everything that needs a browser (PDFs, browser tests): where it is, and how
// to start it on this project's machines. Never downloads a browser.
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { PolkuError } from '../src/lib/common/errors.ts';

/** Looked at in this order after CHROME_PATH. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Headless as root, and quiet on a machine whose only network is loopback. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export const CHROMIUM_INSTALL = 'apt-get install -y chromium';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROME_PATH when set (it must exist), else the first of CHROMIUM_PATHS that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CHROMIUM_PATHS): string {
  const chosen = env.CHROME_PATH;
  if (chosen) {
    if (executable(chosen)) return chosen;
    throw new PolkuError(`CHROME_PATH is ${chosen}, but there is no executable there.`, undefined, `point CHROME_PATH at Chromium, or unset it and install Debian's Chromium: ${CHROMIUM_INSTALL}`);
  }
  const found = candidates.find(executable);
  if (found) return found;
  throw new PolkuError(`Chromium not found (looked at CHROME_PATH, ${candidates.join(', ')}).`, undefined, `install Debian's Chromium: ${CHROMIUM_INSTALL} (or set CHROME_PATH to a Chromium or Chrome binary)`);
}

/** Playwright's driver over the found Chromium; close it when done. */
export function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(env), args: CHROMIUM_ARGS });
}

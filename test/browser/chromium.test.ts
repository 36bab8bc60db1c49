// Finding the browser, by kind of machine, on pretend machines (nothing is installed here).
import { describe, expect, it } from 'vitest';
import { APT_INSTALL, chromiumPath, type Machine } from './chromium.ts';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

/** A machine whose browser, if any, is at `installedAt`, and where installing puts it at `afterInstall`. */
function machine(osRelease: string | null, uid: number | undefined, options: { env?: NodeJS.ProcessEnv; installedAt?: string; afterInstall?: string } = {}) {
  const calls: string[] = [];
  const said: string[] = [];
  const paths = ['/nowhere/chromium'];
  if (options.installedAt) paths.unshift(options.installedAt);
  const m: Machine = {
    env: options.env ?? {},
    paths,
    osRelease,
    uid,
    install: (command) => {
      calls.push(command);
      if (options.afterInstall) paths.unshift(options.afterInstall);
    },
    log: (message) => said.push(message),
  };
  return { m, calls, said };
}

describe('finding Chromium for the browser tests', () => {
  it('uses CHROME_PATH when it points at a program', () => {
    expect(chromiumPath(machine(FEDORA, 1000, { env: { CHROME_PATH: process.execPath } }).m)).toBe(process.execPath);
  });

  it('uses an installed browser', () => {
    expect(chromiumPath(machine(DEBIAN, 0, { installedAt: process.execPath }).m)).toBe(process.execPath);
  });

  it('fails without installing anything when CHROME_PATH points nowhere', () => {
    const { m, calls } = machine(DEBIAN, 0, { env: { CHROME_PATH: '/nowhere/chrome' } });
    expect(() => chromiumPath(m)).toThrow(/CHROME_PATH is \/nowhere\/chrome/);
    expect(calls).toEqual([]);
  });

  it.each([DEBIAN, UBUNTU])("installs Debian's chromium as root on Debian or Ubuntu, and says so", (release) => {
    const { m, calls, said } = machine(release, 0, { afterInstall: process.execPath });
    expect(chromiumPath(m)).toBe(process.execPath);
    expect(calls).toEqual([APT_INSTALL]);
    expect(said.join('\n')).toMatch(/installing Debian's chromium package: apt-get update && apt-get install -y chromium/);
  });

  it('names the sudo command on Debian when not root', () => {
    const { m, calls } = machine(DEBIAN, 1000);
    expect(() => chromiumPath(m)).toThrow('sudo apt-get update && sudo apt-get install -y chromium');
    expect(calls).toEqual([]);
  });

  it('names CHROME_PATH on other systems', () => {
    const { m, calls } = machine(FEDORA, 0);
    expect(() => chromiumPath(m)).toThrow(/CHROME_PATH=\/path\/to\/chrome npm test/);
    expect(calls).toEqual([]);
  });
});

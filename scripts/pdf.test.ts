import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL, findChromium } from './chromium.ts';
import { fileFor, footerTemplate, normalBase, pdfDate, reproduciblePdf, serveSite } from './pdf.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'polku-pdf-unit-'));
  mkdirSync(join(dir, 'site/reports/2026-q1'), { recursive: true });
  writeFileSync(join(dir, 'site/index.html'), '<h1>home</h1>');
  writeFileSync(join(dir, 'site/reports/2026-q1/index.html'), '<h1>report</h1>');
  writeFileSync(join(dir, 'site/site.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'outside the site');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the static server for printing', () => {
  it('reads POLKU_BASE as Astro does', () => {
    expect(normalBase(undefined)).toBe('/');
    expect(normalBase('/')).toBe('/');
    expect(normalBase('polku')).toBe('/polku/');
    expect(normalBase('/polku/')).toBe('/polku/');
  });

  it('maps paths under the base to files, folders to their index.html, and nothing outside', () => {
    const site = join(dir, 'site');
    expect(fileFor(site, '/', '/')).toBe(join(site, 'index.html'));
    expect(fileFor(site, '/', '/reports/2026-q1/')).toBe(join(site, 'reports/2026-q1/index.html'));
    expect(fileFor(site, '/polku/', '/polku/reports/2026-q1/')).toBe(join(site, 'reports/2026-q1/index.html'));
    expect(fileFor(site, '/polku/', '/polku/site.css')).toBe(join(site, 'site.css'));
    expect(fileFor(site, '/polku/', '/polku')).toBe(join(site, 'index.html'));
    expect(fileFor(site, '/polku/', '/reports/2026-q1/')).toBeNull();
    expect(fileFor(site, '/polku/', '/polkux/site.css')).toBeNull();
    expect(fileFor(site, '/', '/missing/')).toBeNull();
    expect(fileFor(site, '/', '/reports/')).toBeNull(); // a folder without index.html
    expect(fileFor(site, '/', '/%2e%2e/secret.txt')).toBeNull();
    expect(fileFor(site, '/', '/%E0%A4%A')).toBeNull();
  });

  it('serves the built site on loopback under the base path', async () => {
    const server = await serveSite(join(dir, 'site'), '/polku/');
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/polku\/$/);
      const report = await fetch(`${server.url}reports/2026-q1/`);
      expect(report.status).toBe(200);
      expect(report.headers.get('content-type')).toContain('text/html');
      expect(await report.text()).toBe('<h1>report</h1>');
      expect((await fetch(`${server.url}site.css`)).headers.get('content-type')).toContain('text/css');
      expect((await fetch(new URL('/reports/2026-q1/', server.url))).status).toBe(404);
      expect((await fetch(`${server.url}site.css`, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('the PDF', () => {
  it('writes PDF dates in UTC', () => {
    expect(pdfDate(0)).toBe("D:19700101000000+00'00'");
    expect(pdfDate(1767225600)).toBe("D:20260101000000+00'00'");
  });

  it('takes its dates from SOURCE_DATE_EPOCH, in place, at the same length', () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261123183630+00'00')\n/ModDate (D:20261123183630+00'00')>>\nendobj\n", 'latin1');
    const fixed = reproduciblePdf(pdf, 1767225600);
    expect(fixed.length).toBe(pdf.length);
    expect(fixed.toString('latin1')).toBe(pdf.toString('latin1').replaceAll('D:20261123183630', 'D:20260101000000'));
    const odd = Buffer.from('/CreationDate (D:2026)', 'latin1');
    expect(reproduciblePdf(odd, 0).equals(odd)).toBe(true);
  });

  it('has a footer with the site, the snapshot and page X of Y, escaped, in the site language', () => {
    const en = footerTemplate('Polku <b>&</b>', '2026-q1', 'en');
    expect(en).toContain('Polku &lt;b&gt;&amp;&lt;/b&gt; · Snapshot 2026-q1');
    expect(en).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(en).toMatch(/font: 9px/);
    expect(footerTemplate('Polku', '2026-q1', 'fi')).toContain('Sivu <span class="pageNumber"></span>/<span class="totalPages"></span>');
  });
});

describe('Chromium', () => {
  it('is found at CHROME_PATH, else at the first Debian path that exists', () => {
    const fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findChromium({ CHROME_PATH: fake }, [])).toBe(fake);
    expect(findChromium({}, [join(dir, 'none'), fake])).toBe(fake);
  });

  it('when missing, says how to install it', () => {
    expect(() => findChromium({}, [join(dir, 'none')])).toThrow(/Chromium not found/);
    try {
      findChromium({}, [join(dir, 'none')]);
    } catch (error) {
      expect((error as { format(): string }).format()).toContain(CHROMIUM_INSTALL);
    }
    expect(CHROMIUM_INSTALL).toBe('apt-get install -y chromium');
    expect(() => findChromium({ CHROME_PATH: join(dir, 'none') })).toThrow(/CHROME_PATH is .*none/);
  });
});

// npm run pdf: every snapshot's report printed to A4 by Debian's Chromium, from the built site served
// on localhost, as reports/<snapshot>/<snapshot>.pdf beside the report's index.html.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { translator, type Lang } from '../src/site/i18n.ts';
import { outputPath, route, withBase } from '../src/site/routes.ts';
import { launchChromium } from './chromium.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** "/" or "/polku/": POLKU_BASE as astro.config.mjs reads it, with its slashes. */
export function normalBase(base: string | undefined): string {
  const trimmed = (base ?? '/').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** The file a request path names inside `dir` (folders give their index.html), or null. */
export function fileFor(dir: string, base: string, pathname: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!`${path}/`.startsWith(base)) return null;
  const root = resolve(dir);
  const file = resolve(root, `.${path.slice(base.length - 1)}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    const stat = statSync(file);
    if (stat.isFile()) return file;
    if (stat.isDirectory()) return statSync(join(file, 'index.html')).isFile() ? join(file, 'index.html') : null;
  } catch {
    return null;
  }
  return null;
}

/** A static server for a built site on 127.0.0.1 and a free port; GET and HEAD only. */
export async function serveSite(dir: string, base: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(dir, base, new URL(req.url ?? '/', 'http://localhost').pathname) : null;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The footer Chromium prints on every page: site, snapshot, page X of Y (Chromium fills the spans). */
export function footerTemplate(siteTitle: string, snapshot: string, lang: Lang): string {
  const t = translator(lang);
  const page = escapeHtml(t('pdfPage', { page: '\u0000', pages: '\u0001' }))
    .replace('\u0000', '<span class="pageNumber"></span>')
    .replace('\u0001', '<span class="totalPages"></span>');
  return (
    '<div style="font: 9px/1.2 system-ui, sans-serif; color: #4f5964; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between;">' +
    `<span>${escapeHtml(siteTitle)} · ${escapeHtml(t('snapshot'))} ${escapeHtml(snapshot)}</span><span>${page}</span></div>`
  );
}

/** `D:YYYYMMDDHHmmSS+00'00'` (PDF date, UTC) of a Unix time in seconds. */
export function pdfDate(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

/**
 * Chromium's PDF with its creation and modification dates set to SOURCE_DATE_EPOCH, so that the same
 * page printed by the same Chromium gives the same bytes (Skia writes no file identifier, and
 * nothing else in its output varies between runs). Chromium offers no option for the dates: they
 * are rewritten in place at the same length, so the cross-reference offsets stay valid.
 */
export function reproduciblePdf(pdf: Buffer, epochSeconds: number): Buffer {
  const date = pdfDate(epochSeconds);
  const text = pdf.toString('latin1').replace(/\/(CreationDate|ModDate) \((D:[0-9]{14}[^)]*)\)/g, (whole, key: string, value: string) =>
    value.length === date.length ? `/${key} (${date})` : whole,
  );
  return Buffer.from(text, 'latin1');
}

/**
 * Runs in the page before printing. A link into the site would lead, in the PDF, to the local server
 * that is gone once the PDF is written: it leads to the public site when one is known, and is
 * otherwise plain text. Links within the page and to other sites stay as they are.
 */
function publicLinks(publicSite: string | null): void {
  for (const a of Array.from(document.querySelectorAll('a[href]'))) {
    const url = new URL(a.getAttribute('href') ?? '', location.href);
    if (url.origin !== location.origin || (url.pathname === location.pathname && url.hash)) continue;
    const path = url.pathname + url.search + url.hash;
    if (publicSite) a.setAttribute('href', new URL(path, publicSite).href);
    else a.removeAttribute('href');
  }
}

export interface RenderedPdf {
  snapshot: string;
  file: string;
  bytes: number;
  ms: number;
}

export interface PdfOptions {
  /** The built site (the build's temporary folder). */
  dir: string;
  /** POLKU_BASE, as the site was built with. */
  base: string | undefined;
  snapshots: string[];
  siteTitle: string;
  lang: Lang;
  /** The public site (POLKU_SITE, e.g. https://cx.example.org): the PDF's links lead there. */
  publicSite?: string;
  /** SOURCE_DATE_EPOCH, when set: the PDF's dates, as in reproduciblePdf. */
  sourceDateEpoch?: number;
}

/** Prints /reports/<snapshot>/ of each snapshot to reports/<snapshot>/<snapshot>.pdf in `dir`. */
export async function renderReportPdfs(options: PdfOptions): Promise<RenderedPdf[]> {
  const base = normalBase(options.base);
  const site = await serveSite(options.dir, base);
  const browser = await launchChromium();
  const rendered: RenderedPdf[] = [];
  try {
    const page = await browser.newPage();
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    for (const snapshot of options.snapshots) {
      const started = performance.now();
      const report = route.report(snapshot);
      const response = await page.goto(withBase(site.url, report), { waitUntil: 'load' });
      if (!response?.ok()) throw new Error(`PDF: ${report} answered ${response?.status() ?? 'nothing'}`);
      await page.evaluate(publicLinks, options.publicSite ?? null);
      let pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footerTemplate(options.siteTitle, snapshot, options.lang),
        margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      });
      if (options.sourceDateEpoch !== undefined) pdf = reproduciblePdf(pdf, options.sourceDateEpoch);
      const file = join(options.dir, outputPath(route.reportPdf(snapshot)));
      writeFileSync(file, pdf);
      rendered.push({ snapshot, file, bytes: pdf.length, ms: performance.now() - started });
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return rendered;
}

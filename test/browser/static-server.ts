// A tiny static file server for the built site, as a static host serves it: folders answer with
// their index.html, a folder without its trailing slash is redirected, and anything else gets the
// site's 404.html with status 404. `base` serves the site under a sub-folder (POLKU_BASE).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
};

export interface StaticServer {
  /** The site's address, ending in the base path and a slash: http://127.0.0.1:PORT/base/ */
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const notFound = join(root, '404.html');
  const server: Server = createServer((req, res) => {
    const send = (status: number, file: string) => {
      res.writeHead(status, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      createReadStream(file).pipe(res);
    };
    const missing = () => (existsSync(notFound) ? send(404, notFound) : (res.writeHead(404).end('not found')));
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!`${pathname}/`.startsWith(prefix)) return missing();
    const relative = normalize(pathname.slice(prefix.length - 1));
    const file = join(root, relative);
    if (file !== root && !file.startsWith(root + sep)) return missing();
    if (!existsSync(file)) return missing();
    if (statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) return res.writeHead(301, { Location: `${pathname}/` }).end();
      const index = join(file, 'index.html');
      return existsSync(index) ? send(200, index) : missing();
    }
    send(200, file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

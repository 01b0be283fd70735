import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Paths that belong to the API, its documents, the probes and the metrics, never to the console. */
const SERVER_PATHS = /^\/(api|docs|health|metrics)(\/|$)/;

// The console's own code only; the API answers are not HTML and keep their own headers.
const CONSOLE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

/**
 * Serves the built web console (static files, and index.html for every other
 * page GET so that client-side routes survive a reload) when `dir` holds a
 * build; otherwise leaves the app as it is. Returns whether it serves one.
 */
export function serveConsole(app: NestExpressApplication, dir: string): boolean {
  if (!dir) return false;
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  // Vite puts content-hashed bundles under assets/: they never change under their name.
  app.use('/assets', serveStatic(join(root, 'assets'), { immutable: true, maxAge: '365d' }));
  app.use(serveStatic(root, { index: false }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !SERVER_PATHS.test(req.path) && extname(req.path) === '';
    if (!page) return next();
    res.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': CONSOLE_CSP });
    res.sendFile(index);
  });
  return true;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { NextFunction, Request, Response, Router } from 'express';

/** Paths the API answers itself: never the web app's index.html. */
const API_PATHS = /^\/(graphql|graphiql|health|exports|metrics|auth)(\/|$)/;

/** The repository's root (where package.json is), from the source tree or from dist/. */
function repositoryRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build:web` writes the web app. */
export const WEB_DIST_DIR = join(repositoryRoot(__dirname), 'dist', 'web');

/**
 * The web app, from the same origin as the API (no CORS, the session cookie is SameSite=Strict):
 * its files, with hashed names cached for a year, and index.html for every other GET a browser
 * sends for a page (the app's own routes), but not for the API's paths. Plain express, not guarded:
 * the files hold no data. Nothing is served when the web app was not built.
 */
export function webAppRouter(dir = WEB_DIST_DIR): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return router;
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }),
  );
  router.use(express.static(dir, { index: false, maxAge: '1h' }));
  router.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
    // a browser's page navigation asks for text/html by name; API clients and probes do not
    if (API_PATHS.test(req.path) || !req.headers.accept?.includes('text/html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

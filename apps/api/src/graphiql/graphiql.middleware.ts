import { dirname, join } from 'node:path';
import { NextFunction, Request, Response, Router } from 'express';
import { LoginHint } from './login-hint';

/**
 * A GraphQL client in the browser with no internet access: GraphiQL and React are served from
 * node_modules (the Apollo landing page would load from a CDN). Development only (introspection on).
 * GET /graphql from a browser gets the page; every other request goes on to the API.
 */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

/** A file of an installed package (its `exports` do not list the browser builds). */
const packageFile = (pkg: string, file: string) =>
  join(dirname(require.resolve(`${pkg}/package.json`)), file);

const PAGE = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Registre RGPD — GraphiQL</title>
    <link rel="stylesheet" href="/graphiql/graphiql.css" />
    <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql">Chargement…</div>
    <script src="/graphiql/react.js"></script>
    <script src="/graphiql/react-dom.js"></script>
    <script src="/graphiql/graphiql.js"></script>
    <script src="/graphiql/start.js"></script>
  </body>
</html>`;

/**
 * The page's script: a file of its own, not an inline script, so the Content-Security-Policy can stay
 * strict. Its login template names an account that exists (see login-hint.ts).
 */
export function startScript(hint: LoginHint): string {
  const defaultQuery =
    "# Connectez-vous, puis copiez le jeton dans l'onglet « Headers » :\n" +
    '# { "Authorization": "Bearer <jeton>" }\n' +
    `# ${hint.note}\n\n` +
    `mutation Login {\n  login(email: ${JSON.stringify(hint.email)}, password: ${JSON.stringify(hint.password)}) {\n` +
    '    token\n    user { displayName grants { role } }\n  }\n}\n';
  return `(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  var defaultQuery = ${JSON.stringify(defaultQuery).replace(/</g, '\\u003c')};
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, shouldPersistHeaders: true })
  );
})();`;
}

export function graphiqlRouter(hint: () => Promise<LoginHint>): Router {
  const router = Router();
  router.get('/graphiql/start.js', (_req: Request, res: Response, next: NextFunction) => {
    hint().then(
      (found) => res.type('text/javascript').set('Cache-Control', 'no-store').send(startScript(found)),
      next,
    );
  });
  router.get('/graphiql/:asset', (req: Request, res: Response, next: NextFunction) => {
    const asset = ASSETS[String(req.params.asset)];
    if (!asset) return next();
    res.type(asset.type).sendFile(packageFile(asset.pkg, asset.file), { maxAge: '1d' });
  });
  router.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
    const wantsPage = req.accepts(['text/html', 'application/json']) === 'text/html' && !req.query.query;
    if (!wantsPage) return next();
    res.type('text/html').send(PAGE);
  });
  return router;
}

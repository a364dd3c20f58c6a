// Bundles the explorer (src/explorer/explorer.ts and what it imports, Cytoscape.js included;
// src/explorer/explorer.css) into dist/explorer/ beside a copy of index.html: the three files
// the server sends at /explore. `npm run build` runs it after tsc.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'dist', 'explorer');
mkdirSync(out, { recursive: true });
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
await build({
  entryPoints: [join(here, 'explorer.ts'), join(here, 'explorer.css')],
  entryNames: '[name]',
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'none',
  logLevel: 'warning',
});

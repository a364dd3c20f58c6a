// Builds dist/ once per run, as `npm run build` does: the end-to-end tests run the server as
// users do, from the build, and the explorer's page is served from dist/explorer/.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const root = join(__dirname, '..', '..');
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'src/explorer/build.mjs')], { cwd: root, stdio: 'inherit' });
};

// Runs after `npm ci --prefix tools/node` (npm's postinstall of this package): records which lock file the
// installed node_modules came from, so scripts/test.sh installs again only when the lock changes, whether
// the install was its own or the README's command.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const sum = createHash('sha256').update(readFileSync(new URL('package-lock.json', here))).digest('hex');
// `npm install --package-lock-only` runs this too, with no node_modules to describe.
if (existsSync(new URL('node_modules', here))) {
  writeFileSync(new URL('node_modules/.package-lock.sha256', here), `${sum}\n`);
}

// Builds dist/ before the suite when it is stale (scripts/build.mjs --if-stale), so tests that spawn
// the CLI run the real compiled binary and the bundled spec loads from its built contract. A fresh
// dist/ (built by `npm ci` or an earlier run, same sources) costs a digest, not a compile.
// tsc emits even when the types do not check; `npm test` runs `tsc --noEmit` first and fails there,
// so a type error is reported once, not as a failed build that hides every test result.
import { buildIfStale } from '../scripts/build.mjs';

export default async function globalSetup() {
  const result = await buildIfStale(undefined, { quiet: true });
  if (!result.ok) {
    process.stderr.write(
      `\n[global-setup] tsc reported type errors while building dist/ (run npm run typecheck):\n${result.output.split('\n').slice(0, 5).join('\n')}\n`,
    );
  }
}

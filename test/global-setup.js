// Builds dist/ once before the suite, so tests that spawn the CLI run the real compiled binary.
// tsc emits even when the types do not check; `npm test` runs `tsc --noEmit` first and fails there,
// so a type error is reported once, not as a failed build that hides every test result.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function globalSetup() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    process.stderr.write(
      `\n[global-setup] tsc reported type errors while building dist/ (run npm run typecheck):\n${result.stdout.split('\n').slice(0, 5).join('\n')}\n`,
    );
  }
}

// Types of scripts/build.mjs, for the tests and the suite's global setup that import it.

/** The files under src/ that tsc does not emit (assets read at run time), relative to src/. */
export function assetFiles(root?: string): string[];
/** SHA-256 over the build's inputs (paths and contents). */
export function inputsDigest(root?: string): string;
/** True when dist/ was built from the inputs as they are now. */
export function isFresh(root?: string): boolean;
/** Builds dist/: tsc, the built contract, the stamp (written only when tsc reports no error). */
export function build(root?: string, options?: { quiet?: boolean }): Promise<{ ok: boolean; output: string }>;
/** `build`, unless dist/ is fresh. */
export function buildIfStale(
  root?: string,
  options?: { quiet?: boolean },
): Promise<{ ok: boolean; output: string; skipped: boolean }>;

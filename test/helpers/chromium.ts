import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium package (`apt-get install -y chromium`); CHROMIUM_PATH overrides it. */
const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium through playwright-core (which downloads no browser of its own).
 * Without one it throws a one-line error that says what to install: a browser test fails, it never
 * passes silently.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `install chromium: apt-get install -y chromium (no browser at ${CHROMIUM_PATH}; CHROMIUM_PATH overrides)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

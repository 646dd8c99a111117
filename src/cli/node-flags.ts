/** A flag the user gave node, on its command line or in NODE_OPTIONS: theirs wins over the command's own. */
export function userGaveNodeFlag(flag: RegExp): boolean {
  return [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((given) => flag.test(given));
}

/** Command-line options of crowdlight's bench scripts: `--name value`. */

/** The value after `--name` on this process's command line, or `dflt` when absent. */
export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
}

/**
 * `crowdlight` — the one command. Each subcommand lives in its own module and exports
 * `run(argv: string[]): Promise<number>` returning the process exit code.
 */
type Command = { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  serve: {
    summary: 'run the whole show on this machine: controller, edge, phone page and console',
    load: () => import('./serve.ts'),
  },
  sim: {
    summary: 'load-test a running server with simulated phones over real WebSockets; report and targets',
    load: () => import('./sim.ts'),
  },
  'sync-eval': {
    summary: 'simulate many devices syncing over modelled networks; compare with published methods',
    load: () => import('./sync-eval.ts'),
  },
};

function usage(): string {
  const lines = ['usage: crowdlight <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(12)} ${c.summary}`);
  lines.push('', 'Run `crowdlight <command> --help` for the options of one command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`crowdlight: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await cmd.load();
  return mod.run(rest);
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`crowdlight: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

import QRCode from 'qrcode';
import { MAX_WORKERS, ServeError, startServer } from '../server/index.ts';
import { StoreError } from '../store/index.ts';
import { openFileLimit, openFileWarning } from './open-file-limit.ts';

/**
 * `crowdlight serve`: the whole show on one machine (controller, bus, edge, phone page,
 * console), with the demo venue and show on first start; with --workers N the edges run as N
 * processes sharing the port.
 */
const HELP = `usage: crowdlight serve [options]

Runs the controller, the edge, the phone page (/) and the console (/console) in one process,
or with --workers N the controller here and N edge processes sharing the port.

options:
  --host HOST        address to listen on (default 127.0.0.1; 0.0.0.0 for phones on the LAN)
  --port PORT        port (default 8080; 0 picks a free one)
  --data-dir DIR     where shows, venues and the live state are kept (default ./crowdlight-data)
  --show FILE        store this show (validated) and load it at start-up
  --venue FILE       store this venue (validated) first
  --workers N        run N edge processes (0..64) on the port, fed by this process over a
                     local bus; 0 (the default) keeps the edge in this process. Each process
                     holds what its open-file limit allows; N of them hold N times that
  --public-url URL   the URL phones open, when it is not this machine's address (a proxy or
                     TLS terminator in front): printed, in the QR codes and the console
  --no-qr            do not print the QR code
  -h, --help         this text

environment:
  CROWDLIGHT_TOKEN   operator token for the console and /api (default: generated once and
                     kept in the data dir)`;

export interface ServeArgs {
  host: string;
  port: number;
  dataDir: string;
  showFile?: string;
  venueFile?: string;
  publicUrl?: string;
  workers: number;
  qr: boolean;
}

export class ArgError extends Error {}

export function parseServeArgs(argv: string[]): ServeArgs | 'help' {
  const a: ServeArgs = { host: '127.0.0.1', port: 8080, dataDir: './crowdlight-data', workers: 0, qr: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ArgError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--host':
        a.host = value();
        break;
      case '--port': {
        const raw = value();
        const p = Number(raw);
        if (!Number.isInteger(p) || p < 0 || p > 65535) throw new ArgError(`--port must be an integer 0..65535, got "${raw}"`);
        a.port = p;
        break;
      }
      case '--workers': {
        const raw = value();
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || n > MAX_WORKERS) throw new ArgError(`--workers must be an integer 0..${MAX_WORKERS}, got "${raw}"`);
        a.workers = n;
        break;
      }
      case '--data-dir':
        a.dataDir = value();
        break;
      case '--show':
        a.showFile = value();
        break;
      case '--venue':
        a.venueFile = value();
        break;
      case '--public-url':
        a.publicUrl = value();
        break;
      case '--no-qr':
        a.qr = false;
        break;
      default:
        throw new ArgError(`unknown option "${flag}"`);
    }
  }
  return a;
}

export async function run(argv: string[]): Promise<number> {
  let args: ServeArgs | 'help';
  try {
    args = parseServeArgs(argv);
  } catch (err) {
    console.error(`crowdlight serve: ${err instanceof Error ? err.message : err}\n\n${HELP}`);
    return 2;
  }
  if (args === 'help') {
    console.log(HELP);
    return 0;
  }
  const warning = openFileWarning(openFileLimit(), undefined, Math.max(1, args.workers));
  if (warning) console.warn(warning);
  let running;
  try {
    running = await startServer({
      host: args.host, port: args.port, dataDir: args.dataDir, showFile: args.showFile, venueFile: args.venueFile, publicUrl: args.publicUrl,
      workers: args.workers,
    });
  } catch (err) {
    if (err instanceof ServeError || err instanceof StoreError) {
      console.error(`crowdlight serve: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const phone = running.joinUrl;
  const capacity = running.connectionCapacity > 0 ? running.connectionCapacity.toLocaleString('en-US') : 'no set limit';
  const lines = [
    '',
    `crowdlight is running (data in ${args.dataDir})`,
    running.workers > 0
      ? `  edges:   ${running.workers} edge processes on port ${running.port} (${running.edgeProcesses().map((p) => `${p.edgeId} pid ${p.pid}`).join(', ')}); capacity ${capacity} phone connections`
      : `  edges:   1 edge in this process; capacity ${capacity} phone connections`,
    `  phones:  ${phone}`,
    `  console: ${running.url}/console`,
    `  metrics: ${running.url}/metrics`,
    running.tokenGenerated
      ? `  operator token (new, kept in the data dir): ${running.token}`
      : `  operator token: ${process.env.CROWDLIGHT_TOKEN ? 'from CROWDLIGHT_TOKEN' : running.token}`,
  ];
  if (args.host === '127.0.0.1' || args.host === 'localhost') lines.push('  (phones on the network need --host 0.0.0.0 and this machine\'s address)');
  console.log(lines.join('\n'));
  if (args.qr) console.log(`\n${await QRCode.toString(phone, { type: 'terminal', small: true })}`);
  console.log('Ctrl-C stops the server.');

  return exitOnSignals(() => running.stop());
}

/**
 * Waits for SIGINT or SIGTERM, then stops the server: resolves 0 once `stop` has finished
 * (1 if it failed). A second signal while stopping resolves 130 at once, so an operator is
 * never stuck behind a shutdown that hangs; nothing is lost, since the state is saved on
 * every change. The listeners are removed when it resolves.
 */
export function exitOnSignals(
  stop: () => Promise<void>,
  signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
  out: { log: (line: string) => void; error: (line: string) => void } = { log: (l) => console.log(l), error: (l) => console.error(l) },
): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopping = false;
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      for (const sig of signals) process.off(sig, onSignal);
      resolve(code);
    };
    const onSignal = (sig: NodeJS.Signals) => {
      if (stopping) {
        out.error(`${sig} again: exiting without waiting for the shutdown to finish (the state was saved at the last change)`);
        finish(130);
        return;
      }
      stopping = true;
      out.log(`\n${sig}: closing phone connections and saving state… (${sig} again to exit at once)`);
      stop().then(
        () => finish(0),
        (err) => {
          out.error(`crowdlight serve: error while stopping: ${err instanceof Error ? err.message : err}`);
          finish(1);
        },
      );
    };
    for (const sig of signals) process.on(sig, onSignal);
  });
}

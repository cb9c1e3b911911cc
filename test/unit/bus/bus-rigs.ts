/**
 * The buses under the one contract suite: each rig gives two or three endpoints of the same
 * bus (for the in-process bus they are all the same object), and a way to wait for delivery
 * that does not depend on the bus being synchronous.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessBus, SocketBusClient, SocketBusHub, type Bus } from '../../../src/bus/index.ts';

export interface BusRig {
  /** Endpoints: [0] is where the controller sits, [1] and [2] where edges sit. */
  endpoints: [Bus, Bus, Bus];
  logs: string[];
  stop(): Promise<void>;
}

export interface BusKind {
  name: string;
  start(): Promise<BusRig>;
}

export const inProcess: BusKind = {
  name: 'in-process bus',
  async start() {
    const logs: string[] = [];
    const bus = new InProcessBus((l) => logs.push(l));
    return { endpoints: [bus, bus, bus], logs, stop: () => bus.close() };
  },
};

export function tempSocketPath(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'crowdlight-bus-'));
  return { path: join(dir, 'bus.sock'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const socketBus: BusKind = {
  name: 'socket bus',
  async start() {
    const { path, remove } = tempSocketPath();
    const logs: string[] = [];
    const log = (l: string) => logs.push(l);
    const hub = new SocketBusHub({ path, log });
    const a = await SocketBusClient.connect({ path, log });
    const b = await SocketBusClient.connect({ path, log });
    return {
      endpoints: [hub, a, b],
      logs,
      async stop() {
        await a.close();
        await b.close();
        await hub.close();
        remove();
      },
    };
  },
};

/** Resolves once `cond` holds, polling; throws naming `what` after `ms`. */
export async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(2);
  }
}

let markers = 0;

/**
 * Resolves once every subscription `bus` made so far is in effect everywhere: `bus` hears its
 * own message on a fresh subject (a socket client's frames reach the hub in order, so its
 * earlier subscriptions have been applied by then).
 */
export async function settled(bus: Bus): Promise<void> {
  const subject = `test.settle.${++markers}`;
  let heard = false;
  const off = bus.subscribe(subject, () => {
    heard = true;
  });
  bus.publish(subject, new Uint8Array(1));
  await until(() => heard, 'a subscription round trip');
  off();
}

/**
 * Waits until `to` has received a marker published by `from` after everything else: since a
 * publisher's messages arrive in order, all that `from` published before has arrived too.
 */
export async function barrier(from: Bus, to: Bus): Promise<void> {
  const subject = `test.barrier.${++markers}`;
  let seen = false;
  const off = to.subscribe(subject, () => {
    seen = true;
  });
  await settled(to);
  from.publish(subject, new Uint8Array(1));
  await until(() => seen, 'the barrier marker');
  off();
}

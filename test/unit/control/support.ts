import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFeedOp, InProcessBus, Subjects, type FeedOp } from '../../../src/bus/index.ts';
import { Controller, type ControllerOptions } from '../../../src/control/index.ts';
import { buildDemoShow, DEMO_SHOW_ID } from '../../../src/core/show/index.ts';
import { demoStadiumSpec } from '../../../src/core/venue/index.ts';
import { Store } from '../../../src/store/index.ts';

/** A controller on a real store and bus, with a hand-driven clock and a record of the feed. */
export class Rig {
  readonly dir = mkdtempSync(join(tmpdir(), 'crowdlight-ctl-'));
  readonly bus = new InProcessBus();
  store = new Store(this.dir);
  nowMs = 1_000_000;
  readonly feed: FeedOp[] = [];
  controller!: Controller;

  constructor(private readonly extra: Partial<ControllerOptions> = {}) {
    this.bus.subscribe(Subjects.feed, (d) => this.feed.push(decodeFeedOp(d)));
  }

  /** Stores the demo venue and show, starts the controller and loads the show. */
  startDemo(): Controller {
    this.start();
    this.controller.putVenue(demoStadiumSpec().id, demoStadiumSpec());
    this.controller.putShow(DEMO_SHOW_ID, buildDemoShow());
    this.controller.loadShow(DEMO_SHOW_ID);
    return this.controller;
  }

  start(): Controller {
    this.controller = new Controller({ bus: this.bus, store: this.store, now: () => this.nowMs, log: () => {}, tickMs: 3_600_000, ...this.extra });
    this.controller.start();
    return this.controller;
  }

  /** Stops the controller and opens the store again, as a restarted process would. */
  restart(): Controller {
    this.controller.stop();
    this.store.close();
    this.store = new Store(this.dir);
    this.feed.length = 0;
    return this.start();
  }

  retained(key: string): Extract<FeedOp, { op: 'retain' }> | undefined {
    for (let i = this.feed.length - 1; i >= 0; i--) {
      const op = this.feed[i]!;
      if (op.op === 'retain' && op.key === key) return op;
    }
    return undefined;
  }

  close(): void {
    this.controller?.stop();
    this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

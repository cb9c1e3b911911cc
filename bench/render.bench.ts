/**
 * Renderer throughput over the whole demo stadium (about 100,000 seats), the work the
 * console preview does every frame: the whole-venue path (renderSeatsInto, one compiled
 * show, no per-seat allocation) against the per-seat call colorAt with a fresh seat object
 * and result per seat, measured in the same run, at several instants of the demo show.
 *
 *   node_modules/.bin/bun bench/render.bench.ts
 */
import { compileShow, renderSeatsInto, colorAt, play, STOPPED, showPositionAt } from '../src/core/show/runtime.ts';
import { demoStadium } from '../src/core/venue/runtime.ts';
import { measure, report } from './harness.ts';
import type { Show } from '../src/core/show/runtime.ts';

const doc = JSON.parse(await Bun.file(new URL('../shows/demo-show.json', import.meta.url)).text()) as Show;
const show = compileShow(doc);
const venue = demoStadium();
const out = new Uint8ClampedArray(venue.seatCount * 4);
const transport = play(STOPPED, 0);
const instants = [4_000, 30_000, 44_000, 60_000, 96_000, 108_000];

const results = [
  measure({
    name: 'whole venue, renderSeatsInto',
    run: (n) => {
      for (let k = 0; k < n; k++) renderSeatsInto(out, 4, show, transport, [], instants[k % instants.length], venue);
      return out[0];
    },
  }, 6, 5),
  measure({
    name: 'whole venue, colorAt per seat',
    run: (n) => {
      let s = 0;
      for (let k = 0; k < n; k++) {
        const t = showPositionAt(transport, instants[k % instants.length]) ?? 0;
        for (let i = 0; i < venue.seatCount; i++) s += colorAt(show, t, venue.seat(i), i)[0];
      }
      return s;
    },
  }, 6, 5),
];
report(`one frame of ${venue.seatCount} seats (time per frame)`, results, 'whole venue, colorAt per seat');
const best = results[0];
console.log(`\nwhole-venue frame: ${(best.nsPerOp / 1e6).toFixed(2)} ms = ${(16.67e6 / best.nsPerOp).toFixed(2)}x a 60 Hz frame budget`);

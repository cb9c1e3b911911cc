/**
 * DelayScheduler: one timer for every delayed task of a worker, tasks in due-time order
 * (ties in scheduling order), slots reused.
 */
import { describe, expect, test } from 'bun:test';
import { DelayScheduler } from '../../../src/sim/live/device/scheduler.ts';

/** A scheduler on a clock the test moves by hand (runDue is called explicitly). */
function manual(): { sched: DelayScheduler; clock: { t: number } } {
  const clock = { t: 0 };
  const sched = new DelayScheduler(() => clock.t);
  return { sched, clock };
}

describe('device scheduler', () => {
  test('device scheduler - runs due tasks in due order, ties in scheduling order, and leaves later ones', () => {
    const { sched, clock } = manual();
    const ran: string[] = [];
    const push = (list: string[], name: string) => list.push(name);
    sched.at(30, push, ran, 'c');
    sched.at(10, push, ran, 'a1');
    sched.at(20, push, ran, 'b');
    sched.at(10, push, ran, 'a2');
    sched.at(50, push, ran, 'late');
    clock.t = 35;
    sched.runDue();
    expect(ran).toEqual(['a1', 'a2', 'b', 'c']);
    expect(sched.size).toBe(1);
    clock.t = 50;
    sched.runDue();
    expect(ran).toEqual(['a1', 'a2', 'b', 'c', 'late']);
    expect(sched.size).toBe(0);
    sched.stop();
  });

  test('device scheduler - a task scheduled by a running task for now runs in the same pass', () => {
    const { sched, clock } = manual();
    const ran: number[] = [];
    const chain = (s: DelayScheduler, n: number): void => {
      ran.push(n);
      if (n < 3) s.at(clock.t, chain, s, n + 1);
    };
    sched.at(5, chain, sched, 0);
    clock.t = 5;
    sched.runDue();
    expect(ran).toEqual([0, 1, 2, 3]);
    sched.stop();
  });

  test('device scheduler - thousands of random tasks come out sorted, through growth and slot reuse', () => {
    const { sched, clock } = manual();
    const out: number[] = [];
    const rec = (list: number[], due: number) => list.push(due);
    let x = 12345;
    const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296) * 1000;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5000; i++) {
        const due = clock.t + rand();
        sched.at(due, rec, out, due);
      }
      clock.t += 1000;
      sched.runDue();
    }
    expect(out.length).toBe(15_000);
    let unordered = 0;
    for (let i = 1; i < out.length; i++) if (out[i]! < out[i - 1]!) unordered++;
    expect(unordered).toBe(0);
    sched.stop();
  });

  test('device scheduler - its one timer fires the tasks on the real clock', async () => {
    const sched = new DelayScheduler(() => performance.now());
    const ran: number[] = [];
    const rec = (list: number[], n: number) => list.push(n);
    const t = performance.now();
    sched.at(t + 30, rec, ran, 2);
    sched.at(t + 10, rec, ran, 1);
    sched.at(t + 60, rec, ran, 3);
    await new Promise((r) => setTimeout(r, 120));
    expect(ran).toEqual([1, 2, 3]);
    sched.stop();
  });

  test('device scheduler - stop drops waiting tasks and refuses new ones', async () => {
    const sched = new DelayScheduler(() => performance.now());
    const ran: number[] = [];
    const rec = (list: number[], n: number) => list.push(n);
    sched.at(performance.now() + 10, rec, ran, 1);
    sched.stop();
    sched.at(performance.now(), rec, ran, 2);
    await new Promise((r) => setTimeout(r, 40));
    expect(ran).toEqual([]);
    expect(sched.size).toBe(0);
  });
});

/**
 * One timer for a whole worker process of simulated phones: every delayed message, connect
 * and churn event of every device is a task in one binary min-heap ordered by due time (ties
 * in the order they were scheduled), and a single `setTimeout` is kept aimed at the earliest.
 * Thousands of phones each with messages in flight would otherwise need tens of thousands
 * of timers.
 *
 * Tasks live in slots of parallel arrays that are reused, so scheduling allocates nothing
 * once the arrays have grown to the working set. A task is `fn(a, b, dueMs)`; callers pass
 * the receiver and argument instead of building a closure per task.
 */

/** A task: called with the two values it was scheduled with and its due time. */
export type TaskFn = (a: any, b: any, dueMs: number) => void;

const INITIAL_SLOTS = 1024;

export class DelayScheduler {
  private due = new Float64Array(INITIAL_SLOTS);
  private order = new Float64Array(INITIAL_SLOTS);
  private fns: (TaskFn | null)[] = new Array<TaskFn | null>(INITIAL_SLOTS).fill(null);
  private as: unknown[] = new Array<unknown>(INITIAL_SLOTS).fill(null);
  private bs: unknown[] = new Array<unknown>(INITIAL_SLOTS).fill(null);
  /** Heap of slot numbers. */
  private heap = new Int32Array(INITIAL_SLOTS);
  private n = 0;
  private free: number[] = [];
  private nextSlot = 0;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private armedFor = Infinity;
  private stopped = false;
  private running = false;
  /** Tasks run so far, how late they ran in total and at most (ms): the simulator's own
   *  lag, which the real instants the pages read include. */
  ran = 0;
  lateMsTotal = 0;
  lateMsMax = 0;

  /** `now` is the clock due times are in (ms). */
  constructor(private readonly now: () => number) {}

  /** Tasks waiting. */
  get size(): number {
    return this.n;
  }

  /** Runs `fn(a, b, dueMs)` at `dueMs` (or as soon as possible after it). */
  at(dueMs: number, fn: TaskFn, a?: unknown, b?: unknown): void {
    if (this.stopped) return;
    const s = this.alloc();
    this.due[s] = dueMs;
    this.order[s] = this.seq++;
    this.fns[s] = fn;
    this.as[s] = a;
    this.bs[s] = b;
    this.push(s);
    if (!this.running && dueMs < this.armedFor) this.arm();
  }

  /** Runs every task that is due now; called by the timer (and by tests). */
  runDue(): void {
    if (this.running) return;
    this.running = true;
    try {
      let now = this.now();
      let batch = 0;
      while (this.n > 0 && !this.stopped) {
        const s = this.heap[0]!;
        const due = this.due[s]!;
        if (due > now) {
          // Re-read the clock now and then: a long batch moves it on.
          if (batch < 64) break;
          now = this.now();
          batch = 0;
          if (due > now) break;
        }
        this.pop();
        const fn = this.fns[s]!;
        const a = this.as[s];
        const b = this.bs[s];
        this.fns[s] = null;
        this.as[s] = this.bs[s] = null;
        this.free.push(s);
        this.ran++;
        const late = now - due;
        this.lateMsTotal += late;
        if (late > this.lateMsMax) this.lateMsMax = late;
        batch++;
        fn(a, b, due);
      }
    } finally {
      this.running = false;
      this.arm();
    }
  }

  /** Drops every task and the timer for good. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.n = 0;
    this.fns.fill(null);
    this.as.fill(null);
    this.bs.fill(null);
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.n > 0 ? this.due[this.heap[0]!]! : Infinity;
    if (next === this.armedFor && this.timer !== null) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = next;
    if (next === Infinity) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.armedFor = Infinity;
      this.runDue();
    }, Math.max(0, next - this.now()));
  }

  private alloc(): number {
    const f = this.free.pop();
    if (f !== undefined) return f;
    const s = this.nextSlot++;
    if (s >= this.due.length) this.grow();
    return s;
  }

  private grow(): void {
    const size = this.due.length * 2;
    const due = new Float64Array(size);
    due.set(this.due);
    this.due = due;
    const order = new Float64Array(size);
    order.set(this.order);
    this.order = order;
    const heap = new Int32Array(size);
    heap.set(this.heap);
    this.heap = heap;
    for (let i = this.fns.length; i < size; i++) {
      this.fns.push(null);
      this.as.push(null);
      this.bs.push(null);
    }
  }

  private less(x: number, y: number): boolean {
    const dx = this.due[x]!;
    const dy = this.due[y]!;
    return dx < dy || (dx === dy && this.order[x]! < this.order[y]!);
  }

  private push(s: number): void {
    const h = this.heap;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(s, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = s;
  }

  private pop(): void {
    const h = this.heap;
    const last = h[--this.n]!;
    if (this.n === 0) return;
    let i = 0;
    const n = this.n;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(h[r]!, h[l]!) ? r : l;
      if (!this.less(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
}

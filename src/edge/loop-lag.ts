/**
 * Event-loop lag: one per-process timer that measures how late it fires. `lastMs` is the
 * latest lateness; `maxMs` the largest over the current window and the previous one (the
 * window rolls on every stats report), so a spike shows in at least one full report.
 */
export class LoopLagMonitor {
  lastMs = 0;
  private windowMax = 0;
  private prevWindowMax = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private expected = 0;

  constructor(private readonly periodMs: number) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      const t = performance.now();
      const lag = Math.max(0, t - this.expected);
      this.lastMs = lag;
      if (lag > this.windowMax) this.windowMax = lag;
      this.expected = t + this.periodMs;
      this.timer = setTimeout(tick, this.periodMs);
      this.timer.unref?.();
    };
    this.expected = performance.now() + this.periodMs;
    this.timer = setTimeout(tick, this.periodMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get maxMs(): number {
    return Math.max(this.windowMax, this.prevWindowMax);
  }

  rollWindow(): void {
    this.prevWindowMax = this.windowMax;
    this.windowMax = 0;
  }
}

import type { BusHandler } from './types.ts';

/**
 * Handlers by subject inside one process, shared by every bus implementation: delivery is
 * synchronous, in subscription order, and a handler that throws is reported and does not
 * stop the others.
 */
export class LocalSubscribers {
  private readonly subs = new Map<string, Set<BusHandler>>();

  constructor(private readonly log: (line: string) => void) {}

  /** Adds a handler; true when it is the subject's first. */
  add(subject: string, handler: BusHandler): boolean {
    let set = this.subs.get(subject);
    const first = set === undefined;
    if (!set) this.subs.set(subject, (set = new Set()));
    set.add(handler);
    return first;
  }

  /** Removes a handler; true when the subject has none left. */
  remove(subject: string, handler: BusHandler): boolean {
    const set = this.subs.get(subject);
    if (!set || !set.delete(handler)) return false;
    if (set.size > 0) return false;
    this.subs.delete(subject);
    return true;
  }

  has(subject: string): boolean {
    return this.subs.has(subject);
  }

  subjects(): IterableIterator<string> {
    return this.subs.keys();
  }

  deliver(subject: string, data: Uint8Array): void {
    const set = this.subs.get(subject);
    if (!set) return;
    // The handlers as they are now, so one that (un)subscribes does not change this delivery
    // (the common single handler without copying the set).
    if (set.size === 1) {
      this.call(set.values().next().value!, data, subject);
      return;
    }
    for (const h of [...set]) this.call(h, data, subject);
  }

  private call(h: BusHandler, data: Uint8Array, subject: string): void {
    try {
      h(data, subject);
    } catch (err) {
      this.log(`bus: handler for ${subject} threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  clear(): void {
    this.subs.clear();
  }
}

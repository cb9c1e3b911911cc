import type { Bus, BusHandler } from './types.ts';

/**
 * The embedded default: controller and edge in one process. Delivery is synchronous and in
 * publish order; a handler that throws is reported and does not stop the others.
 */
export class InProcessBus implements Bus {
  private readonly subs = new Map<string, Set<BusHandler>>();
  private closed = false;

  publish(subject: string, data: Uint8Array): void {
    if (this.closed) return;
    const set = this.subs.get(subject);
    if (!set) return;
    for (const h of [...set]) {
      try {
        h(data, subject);
      } catch (err) {
        console.error(`bus: handler for ${subject} threw:`, err);
      }
    }
  }

  subscribe(subject: string, handler: BusHandler): () => void {
    let set = this.subs.get(subject);
    if (!set) this.subs.set(subject, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subs.clear();
  }
}

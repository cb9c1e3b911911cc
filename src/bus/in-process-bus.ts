import { LocalSubscribers } from './local-subscribers.ts';
import type { Bus, BusHandler } from './types.ts';

/**
 * The embedded default: controller and edge in one process. Delivery is synchronous and in
 * publish order; a handler that throws is reported and does not stop the others.
 */
export class InProcessBus implements Bus {
  private readonly subs: LocalSubscribers;
  private closed = false;

  constructor(log: (line: string) => void = (line) => console.error(line)) {
    this.subs = new LocalSubscribers(log);
  }

  publish(subject: string, data: Uint8Array): void {
    if (this.closed) return;
    this.subs.deliver(subject, data);
  }

  subscribe(subject: string, handler: BusHandler): () => void {
    this.subs.add(subject, handler);
    return () => {
      this.subs.remove(subject, handler);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subs.clear();
  }
}

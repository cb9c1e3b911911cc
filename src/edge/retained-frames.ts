/**
 * The current state as the controller built it: frames kept by key, in the order they were
 * first retained (announce, transport, cues). Re-retaining a key replaces its frame and
 * topic but keeps its place, so the order phones receive on join stays stable.
 */
export interface RetainedFrame {
  key: string;
  topic: string;
  frame: Uint8Array;
}

export class RetainedFrames {
  private readonly byKey = new Map<string, RetainedFrame>();

  retain(key: string, topic: string, frame: Uint8Array): void {
    const e = this.byKey.get(key);
    if (e) {
      e.topic = topic;
      e.frame = frame;
    } else this.byKey.set(key, { key, topic, frame });
  }

  drop(key: string): boolean {
    return this.byKey.delete(key);
  }

  clear(): void {
    this.byKey.clear();
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Frames in retention order. */
  values(): IterableIterator<RetainedFrame> {
    return this.byKey.values();
  }
}

/**
 * The aggregate /metrics of a multi-process server: each edge process publishes its own page
 * on the bus about once a second (Subjects.metrics: `<edge id>\n<page>`); the controller
 * process keeps the latest page of each live edge and answers a scrape with all of them
 * merged (every sample carries its `edge` label). A page is therefore up to about one
 * publish interval old; an edge that stopped publishing drops out after `staleMs`, and at
 * once when its process exits.
 */
import { Subjects, type Bus } from '../bus/index.ts';
import { mergeMetricsPages } from '../edge/index.ts';

const dec = new TextDecoder();

export class EdgeMetricsBoard {
  private readonly pages = new Map<string, { text: string; atMs: number }>();
  private readonly unsubscribe: () => void;

  constructor(
    bus: Bus,
    private readonly staleMs = 5000,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.unsubscribe = bus.subscribe(Subjects.metrics, (data) => this.accept(data));
  }

  accept(data: Uint8Array): void {
    const text = dec.decode(data);
    const nl = text.indexOf('\n');
    if (nl <= 0) return;
    this.pages.set(text.slice(0, nl), { text: text.slice(nl + 1), atMs: this.clock() });
  }

  /** The edge's process is gone: its page leaves the aggregate now. */
  forget(edgeId: string): void {
    this.pages.delete(edgeId);
  }

  /** Edge ids with a live page. */
  edges(): string[] {
    this.prune();
    return [...this.pages.keys()].sort();
  }

  /** The merged page, with `extra` (the supervisor's own families) at the end. */
  text(extra = ''): string {
    this.prune();
    const ids = [...this.pages.keys()].sort();
    return mergeMetricsPages([...ids.map((id) => this.pages.get(id)!.text), extra]);
  }

  close(): void {
    this.unsubscribe();
    this.pages.clear();
  }

  private prune(): void {
    const now = this.clock();
    for (const [id, p] of this.pages) if (now - p.atMs > this.staleMs) this.pages.delete(id);
  }
}

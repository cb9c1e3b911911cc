/** Worker thread entry: simulates one range of devices and posts the plain result back. */
import { resultToPlain, runJob, type WorkerJob } from './parallel.ts';

declare const self: Worker;

self.onmessage = (ev: MessageEvent) => {
  try {
    const result = resultToPlain(runJob(ev.data as WorkerJob));
    self.postMessage({ ok: true, result });
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};

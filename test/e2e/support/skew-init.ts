/**
 * Clock skew for a test page: shifts `performance.now()`, `Date.now()` and the
 * `requestAnimationFrame` timestamp by the same amount before any page script runs, as if
 * the phone's clocks were off. The true clock stays reachable as `window.__trueClock` so the
 * test can place every page's frames on one timeline.
 */

/** Runs in the page (serialised by Playwright's addInitScript): keep it self-contained. */
export function installSkew(skewMs: number): void {
  const w = window as unknown as Record<string, unknown>;
  const perf = performance;
  const trueNow = perf.now.bind(perf);
  const trueDateNow = Date.now;
  const trueRaf = window.requestAnimationFrame.bind(window);
  Object.defineProperty(w, '__trueClock', {
    value: Object.freeze({ now: trueNow, dateNow: trueDateNow, timeOrigin: perf.timeOrigin, skewMs }),
  });
  perf.now = () => trueNow() + skewMs;
  Date.now = () => trueDateNow() + skewMs;
  window.requestAnimationFrame = (cb: FrameRequestCallback) => trueRaf((ts: number) => cb(ts + skewMs));
}

/**
 * Controller time on this host, ms: the same expression the controller and the edges stamp
 * with (`performance.timeOrigin + performance.now()` agrees across processes on one host to
 * within microseconds), so it is also the truth simulated phones are measured against.
 */
export const hostNow = (): number => performance.timeOrigin + performance.now();

/**
 * What a simulated page's `performance.now()` reads is its device clock model plus this
 * constant, ms: the model's run-relative readings can be negative (a clock offset of tens
 * of seconds at the start of a run), a page's clock never is (an hour-old page).
 */
export const LOCAL_BASE_MS = 3_600_000;

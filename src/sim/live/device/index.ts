/**
 * The load simulator's phones (src/sim/live/worker-main.ts runs them in a worker process).
 *
 * Each simulated phone runs the audience page's real logic, `PhoneClient` (hello with a seat,
 * welcome and resume, the reconnect policy and its backoff, clock exchanges through
 * core/clock, the show state, the package preload and `ready`, quality reports), on a device
 * model from the sync evaluator (`SimDevice`: clock offset, drift and random walk, the page
 * clock's step, network path, event-loop pauses, display refresh and vsync phase), over its
 * own real WebSocket to an edge.
 *
 * Time. Run-relative true time is the host's controller time minus the run start. A page's
 * `performance.now()` is its device clock at the real instant (plus LOCAL_BASE_MS), so every
 * timestamp the page takes is exact against the truth, whatever the worker's own load.
 *
 * Network. Added at the message level on the device side (DelayedSocket): outbound messages
 * leave after the path's uplink delay, inbound ones are handed to the page after the
 * downlink delay and the event loop's (pauses, handler queueing), both in TCP order; from
 * `degradeAtRelMs` on the delays come from the degrade profile's path. Connection opens and
 * the closing handshake are not delayed. The model's event-loop pauses delay message
 * handlers and frames; the page's own timers (clock exchange, quality report) fire on the
 * worker's real timers. Churn: a phone goes away at a Poisson rate, half the time as a page
 * reload (a new PhoneClient with the clock estimate its clock store would restore), half as
 * a dropped connection (the page hears 1006 at once; attempts while the network is away fail
 * after OFFLINE_FAIL_MS, the page's backoff decides when it tries again). No churn starts in
 * the run's last CHURN_QUIET_MS (at most its last third), so that a phone still away or
 * backing off at the end is a phone that did not come back.
 *
 * Measured (fleet.ts, cue-tracker.ts):
 *  - clock error: every second, for every phone whose estimator says synced (connected or
 *    not), |estimated controller time at its local instant - the true time|;
 *  - per live cue and phone (first receipt only; keyframes repeat cues): socket arrival and
 *    handled receipt (the instant the model has the page's handler run: the worker's own
 *    lag in running it is not the phone's, see Fleet.simLag); delivery = handled - the
 *    orchestrator's issuedAtMs, server part = arrival - issuedAtMs (the arrival is stamped
 *    when the worker reads the socket, so a busy worker's lag shows there); visual error = when the first frame showing the cue reaches the
 *    screen (the evaluator's CueFrames on the phone's estimate at the cue's instant, or at a
 *    late receipt the first frame after it) - the cue's instant; outcomes evaluated once,
 *    EVALUATE_AFTER_MS after the instant (later receipts are not counted);
 *  - expected / seen / on time per cue: phones welcomed before the instant, not away by churn
 *    at it, and seated in the cue's target;
 *  - reconnect: connection lost (or, under churn, network back) -> welcomed again; sync time:
 *    the page's first socket -> its estimator first says synced (refused attempts included);
 *  - bytes both ways with WebSocket frame headers, connected phone-seconds, RSS and CPU.
 */
export { DelayScheduler, type TaskFn } from './scheduler.ts';
export { DelayedSocket, OFFLINE_FAIL_MS, clientFrameBytes, serverFrameBytes, type LinkModel } from './delayed-socket.ts';
export { EstimatorView } from './estimator-view.ts';
export { VisualCheck } from './visual-check.ts';
export { CueTracker, EVALUATE_AFTER_MS, type CueAudience, type CueFrame, type CueStage } from './cue-tracker.ts';
export { SeatPicker } from './seats.ts';
export { fetchEachLoader, sharedPackageLoader, type PackageLoadFn } from './shared-package.ts';
export { SimPhone, type PhoneHost, type PhoneIdentity } from './sim-phone.ts';
export { ConnectionLedger } from './connection-ledger.ts';
export { CHURN_QUIET_MS, Fleet, type FleetOptions } from './fleet.ts';
export { prepareFleet, resolveProfile, PROBE_TIMEOUT_MS } from './prepare.ts';
export { hostNow, LOCAL_BASE_MS } from './host-clock.ts';

/**
 * Controller time: the host's wall clock with sub-millisecond resolution, monotonic within a
 * run. Every process on one host reads the same value from this expression (measured to
 * agree within ~1 µs between Bun processes), so edge processes beside the controller stamp
 * controller time directly. Edges on other hosts will need the cluster mode's clock (an
 * estimator against the controller over the bus) instead.
 */
export const controllerNow = (): number => performance.timeOrigin + performance.now();

/**
 * Bounded waits that leave nothing behind: a run's last steps wait for late answers "at most
 * so long", and a timer still armed after the wait would keep the process (a script calling
 * runSim, a test) alive for the rest of that time.
 */

/** Resolves once `p` settles (fulfilled or rejected) or after `ms`, whichever comes first;
 *  the timer is cleared in both cases. */
export function waitWithin(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, Math.max(0, ms));
    const done = (): void => {
      clearTimeout(t);
      resolve();
    };
    p.then(done, done);
  });
}

/**
 * A phone's clock estimator seen as the evaluator's ControllerTimeEstimate in run-relative time, so
 * the presentation-time model (CueFrames) reads the live phone's estimate: local instants
 * are the device model's (without the page's LOCAL_BASE_MS), controller instants count from
 * the run's start. The phone drives its own exchanges.
 */
import type { ClockEstimator } from '../../../core/clock/index.ts';
import type { ControllerTimeEstimate } from '../../visual.ts';
import { LOCAL_BASE_MS } from './host-clock.ts';

export class EstimatorView implements ControllerTimeEstimate {
  private est: ClockEstimator | null = null;
  private runStartMs = 0;

  /** Points the view at one phone's estimator (reused across phones). */
  use(est: ClockEstimator, runStartMs: number): this {
    this.est = est;
    this.runStartMs = runStartMs;
    return this;
  }

  now(localMs: number): number {
    return this.est!.controllerTime(localMs + LOCAL_BASE_MS) - this.runStartMs;
  }

  localFor(controllerMs: number): number {
    return this.est!.localTime(controllerMs + this.runStartMs) - LOCAL_BASE_MS;
  }
}

/**
 * core/show: show documents (schema and validation), the transport, live cues, effects and
 * the renderer. Browser code that must stay small imports `./runtime.ts` instead, which is
 * this surface minus validation (and therefore minus zod).
 */
export * from './runtime.ts';
export {
  validateShow,
  parseShow,
  parseEffect,
  parseTarget,
  checkShowAgainstVenue,
  type ValidationResult,
} from './validate.ts';
export { ShowSchema, EffectSchema, TargetSchema, CueSchema, AssetSchema, MAX_TRACKS, MAX_CUES_PER_TRACK, MAX_ASSETS } from './schema.ts';
export { formatIssues, formatPath, type PathIssue } from './issue-format.ts';
export { buildDemoShow, DEMO_SHOW_ID } from './demo-show.ts';

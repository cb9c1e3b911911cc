/**
 * The operator console (docs/console.md). The server side uses `buildConsoleAssets`; the rest
 * is the console's logic without DOM, for tools and tests. The browser bundle starts at
 * `main.ts` (this file imports `build.ts`, which needs Bun).
 */
export { buildConsoleAssets, CONSOLE_PATH } from './build.ts';
export { consolePageHtml } from './page.ts';
export { ApiClient, type ApiClientOptions } from './api-client.ts';
export { ConsoleApiError, type ApiIssue } from './api-error.ts';
export { readApiResponse, parseStatus } from './api-response.ts';
export type * from './api-types.ts';
export {
  buildEffect,
  effectWarnings,
  geometryFromBounds,
  CueDesignError,
  DEFAULT_DESIGN,
  DEFAULT_GEOMETRY,
  LIVE_EFFECT_KINDS,
  type CueDesign,
  type LiveEffectKind,
  type VenueGeometry,
} from './cue-design.ts';
export { cueRequest, type CuePlacement } from './cue-request.ts';
export { PALETTE_PRESETS, type PalettePreset } from './palette-presets.ts';
export { targetOptions, targetFromValue, targetLabel, TargetError, type TargetOption } from './targets.ts';
export { formatClock, parseClock, formatMs, formatCount, formatRemaining, TimeInputError } from './time-format.ts';
export {
  acceptedLabel,
  controllerNow,
  positionAt,
  progressOf,
  syncSummary,
  transportLabel,
  describeEffect,
  effectSwatch,
  cueRemainingMs,
  durationFromInput,
  type SyncSummary,
  type Level,
} from './status-view-model.ts';
export { shortcutFor, SHORTCUTS, type ShortcutAction, type KeyPress } from './shortcuts.ts';
export { joinLink, qrMatrix, JoinLinkError, type QrMatrix } from './join-link.ts';
export { parseShowPackage, previewLayout, LiveCueCache, PreviewPackageError, type PreviewLayout } from './preview-model.ts';
export { AudienceHistory, chartPoints, niceCeiling, HISTORY_SERIES, type HistorySeries } from './history.ts';
export { PendingToggle } from './pending-toggle.ts';

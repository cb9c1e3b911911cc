export { Controller, type ControllerOptions, type TransportAction } from './controller.ts';
export { createApi, isApiPath, type Api, type ApiOptions } from './api.ts';
export { ControlError, type ControlErrorCode, type RequestIssue } from './errors.ts';
export { LeadTime, DEFAULT_LEAD_TIME, type LeadTimeOptions } from './lead-time.ts';
export type { AudienceSummary } from './audience.ts';

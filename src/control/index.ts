export { Controller, type ControllerOptions, type TransportAction } from './controller.ts';
export { createApi, isApiPath, type Api, type ApiOptions } from './api.ts';
export { ControlError, type ControlErrorCode, type RequestIssue } from './errors.ts';
export { LeadTime, DEFAULT_LEAD_TIME, type LeadTimeOptions } from './lead-time.ts';
export { Audience, type AudienceSummary } from './audience.ts';
export { buildShowPackage, PACKAGE_FORMAT, type ShowPackage } from './show-package.ts';
export { ShowLibrary, type LoadedShow } from './show-library.ts';

/**
 * core/protocol: crowdlight's binary wire codec (phone <-> edge). Layouts, limits, error
 * codes and close codes are documented in docs/protocol.md.
 */
export * from './constants.ts';
export { EffectKind, EFFECT_KIND_COUNT, isEffectKind } from './effect-kind.ts';
export {
  BATTERY_UNKNOWN,
  HELLO_FLAGS_MASK,
  HelloFlag,
  QUALITY_FLAGS_MASK,
  QualityFlag,
  REDIRECT_REASONS,
  TARGET_KINDS,
  TRANSPORT_FLAGS_MASK,
  TRANSPORT_MODES,
  TransportFlag,
  type RedirectReason,
  type TargetKind,
  type TransportMode,
} from './wire-enums.ts';
export {
  MESSAGE_TYPE_CODES,
  MessageType,
  isClientType,
  isServerType,
  messageTypeName,
  type MessageTypeCode,
  type MessageTypeName,
} from './message-type.ts';
export type * from './messages.ts';
export { PROTOCOL_ERROR_CODES, ProtocolError, isProtocolError, type ProtocolErrorCode } from './errors.ts';
export {
  CLOSE_CODES,
  CloseCode,
  PROTOCOL_ERROR_CLOSE_CODES,
  closeCodeForError,
  closeCodeInfo,
  type CloseCodeInfo,
  type RetryPolicy,
} from './close-codes.ts';
export { peekType, toBytes, type BinaryInput } from './frame.ts';
export { decodeClientMessage, decodeMessage, decodeServerMessage, encode, encodeClient, encodeClientInto, encodeInto } from './codec.ts';
export {
  CLOCK_REQUEST_BYTES,
  CLOCK_RESPONSE_BYTES,
  encodeClockRequestInto,
  encodeClockResponseInto,
  newClockRequest,
  newClockResponse,
  readClockRequest,
  readClockResponse,
} from './clock-codec.ts';
export { checkClientOrder, checkServerOrder } from './message-order.ts';

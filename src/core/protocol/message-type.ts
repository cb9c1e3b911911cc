/**
 * Message type bytes. The first byte of every frame is its type. The high bit gives the
 * direction: 0x01..0x7f travel phone -> edge, 0x80..0xff edge -> phone, so an edge can
 * reject a server-only type with one bit test.
 */

export const MessageType = {
  Hello: 0x01,
  ClockRequest: 0x02,
  Ready: 0x03,
  QualityReport: 0x04,
  Welcome: 0x81,
  ClockResponse: 0x82,
  TransportState: 0x83,
  LiveCue: 0x84,
  CancelCue: 0x85,
  ShowAnnounce: 0x86,
  Redirect: 0x87,
} as const;

export type MessageTypeCode = (typeof MessageType)[keyof typeof MessageType];

/** The `type` discriminant of decoded messages, one per type byte. */
export type MessageTypeName =
  | 'hello'
  | 'clockRequest'
  | 'ready'
  | 'qualityReport'
  | 'welcome'
  | 'clockResponse'
  | 'transportState'
  | 'liveCue'
  | 'cancelCue'
  | 'showAnnounce'
  | 'redirect';

export const MESSAGE_TYPE_CODES: Readonly<Record<MessageTypeName, MessageTypeCode>> = {
  hello: MessageType.Hello,
  clockRequest: MessageType.ClockRequest,
  ready: MessageType.Ready,
  qualityReport: MessageType.QualityReport,
  welcome: MessageType.Welcome,
  clockResponse: MessageType.ClockResponse,
  transportState: MessageType.TransportState,
  liveCue: MessageType.LiveCue,
  cancelCue: MessageType.CancelCue,
  showAnnounce: MessageType.ShowAnnounce,
  redirect: MessageType.Redirect,
};

const NAMES: (MessageTypeName | undefined)[] = new Array(256).fill(undefined);
for (const [name, code] of Object.entries(MESSAGE_TYPE_CODES)) NAMES[code] = name as MessageTypeName;

/** The name of a type byte, or undefined when the byte is not assigned. */
export function messageTypeName(code: number): MessageTypeName | undefined {
  return NAMES[code & 0xff];
}

/** True for types a phone may send. */
export function isClientType(code: number): boolean {
  return NAMES[code & 0xff] !== undefined && (code & 0x80) === 0;
}

/** True for types only an edge may send. */
export function isServerType(code: number): boolean {
  return NAMES[code & 0xff] !== undefined && (code & 0x80) !== 0;
}

/**
 * Generic entry points: encode any message, decode a frame from either direction.
 */
import { MAX_CLIENT_FRAME_BYTES, MAX_SERVER_FRAME_BYTES } from './constants.ts';
import {
  readClockRequestBody,
  readHello,
  readQualityReport,
  readReady,
  writeClockRequest,
  writeHello,
  writeQualityReport,
  writeReady,
} from './client-codec.ts';
import { ProtocolError } from './errors.ts';
import { checkFrame, toBytes, type BinaryInput } from './frame.ts';
import { MESSAGE_TYPE_CODES, MessageType, type MessageTypeName } from './message-type.ts';
import type { ClientMessage, ClockRequestMessage, HelloMessage, Message, QualityReportMessage, ReadyMessage, ServerMessage } from './messages.ts';
import { Reader } from './reader.ts';
import {
  readCancelCue,
  readClockResponseBody,
  readLiveCue,
  readRedirect,
  readShowAnnounce,
  readTransportState,
  readWelcome,
  writeCancelCue,
  writeClockResponse,
  writeLiveCue,
  writeRedirect,
  writeShowAnnounce,
  writeTransportState,
  writeWelcome,
} from './server-codec.ts';
import { Writer } from './writer.ts';

// Decoding and encoding are synchronous and never re-enter, so one cursor of each serves
// every call without allocating.
const reader = new Reader();
const writer = new Writer();
const scratch: Uint8Array<ArrayBuffer> = new Uint8Array(MAX_SERVER_FRAME_BYTES);

/**
 * Encodes `msg` into `out` at `offset`; returns the frame length. Throws ProtocolError
 * ('out-of-range', 'bad-string') for an invalid message and 'buffer-too-small' when `out`
 * cannot hold it. Use this to encode once into a reused buffer.
 */
export function encodeInto(msg: Message, out: Uint8Array, offset = 0): number {
  const name = (msg as { type?: unknown } | null)?.type;
  const code = typeof name === 'string' && Object.prototype.hasOwnProperty.call(MESSAGE_TYPE_CODES, name)
    ? MESSAGE_TYPE_CODES[name as MessageTypeName]
    : -1;
  if (code < 0) throw new ProtocolError('unknown-type', `cannot encode message type ${String(name)}`);
  if (!(code & 0x80)) return encodeClientInto(msg as ClientMessage, out, offset);
  const w = writer.start(out, offset, code);
  switch (msg.type) {
    case 'welcome': writeWelcome(w, msg); break;
    case 'clockResponse': writeClockResponse(w, msg); break;
    case 'transportState': writeTransportState(w, msg); break;
    case 'liveCue': writeLiveCue(w, msg); break;
    case 'cancelCue': writeCancelCue(w, msg); break;
    case 'showAnnounce': writeShowAnnounce(w, msg); break;
    case 'redirect': writeRedirect(w, msg); break;
  }
  return w.finish(offset);
}

/**
 * Encodes a phone -> edge message into `out` at `offset`; returns the frame length. The same
 * bytes as `encodeInto`, but a bundle that uses only this (the phone page) carries only the
 * client writers. Throws ProtocolError as `encodeInto` does.
 */
export function encodeClientInto(msg: ClientMessage, out: Uint8Array, offset = 0): number {
  const name = (msg as { type?: unknown } | null)?.type;
  const code = name === 'hello' ? MessageType.Hello
    : name === 'clockRequest' ? MessageType.ClockRequest
    : name === 'ready' ? MessageType.Ready
    : name === 'qualityReport' ? MessageType.QualityReport
    : -1;
  if (code < 0) throw new ProtocolError('unknown-type', `cannot encode ${String(name)} as a phone message`);
  const w = writer.start(out, offset, code);
  switch (code) {
    case MessageType.Hello: writeHello(w, msg as HelloMessage); break;
    case MessageType.ClockRequest: writeClockRequest(w, msg as ClockRequestMessage); break;
    case MessageType.Ready: writeReady(w, msg as ReadyMessage); break;
    case MessageType.QualityReport: writeQualityReport(w, msg as QualityReportMessage); break;
  }
  return w.finish(offset);
}

/** `encodeClientInto` into a new Uint8Array of exactly the frame's length. */
export function encodeClient(msg: ClientMessage): Uint8Array<ArrayBuffer> {
  const n = encodeClientInto(msg, scratch, 0);
  return scratch.slice(0, n);
}

/** Encodes `msg` into a new Uint8Array of exactly the frame's length. */
export function encode(msg: Message): Uint8Array<ArrayBuffer> {
  const n = encodeInto(msg, scratch, 0);
  return scratch.slice(0, n);
}

// The body decoders are split by direction so a bundle that only decodes one direction (the
// phone page decodes server frames only) carries only that direction's readers.
function decodeClientBody(b: Uint8Array, t: number): ClientMessage {
  const r = reader.start(b, t);
  let msg: ClientMessage;
  switch (t) {
    case MessageType.Hello: msg = readHello(r); break;
    case MessageType.ClockRequest: msg = readClockRequestBody(r); break;
    case MessageType.Ready: msg = readReady(r); break;
    case MessageType.QualityReport: msg = readQualityReport(r); break;
    default: return r.fail('unknown-type', 'unassigned type byte');
  }
  r.end();
  return msg;
}

function decodeServerBody(b: Uint8Array, t: number): ServerMessage {
  const r = reader.start(b, t);
  let msg: ServerMessage;
  switch (t) {
    case MessageType.Welcome: msg = readWelcome(r); break;
    case MessageType.ClockResponse: msg = readClockResponseBody(r); break;
    case MessageType.TransportState: msg = readTransportState(r); break;
    case MessageType.LiveCue: msg = readLiveCue(r); break;
    case MessageType.CancelCue: msg = readCancelCue(r); break;
    case MessageType.ShowAnnounce: msg = readShowAnnounce(r); break;
    case MessageType.Redirect: msg = readRedirect(r); break;
    default: return r.fail('unknown-type', 'unassigned type byte');
  }
  r.end();
  return msg;
}

/**
 * Decodes a frame received from a phone. Refuses frames above MAX_CLIENT_FRAME_BYTES
 * ('too-large', checked first) and server-only types ('unexpected-type'). Throws only
 * ProtocolError.
 */
export function decodeClientMessage(input: BinaryInput): ClientMessage {
  const b = toBytes(input);
  return decodeClientBody(b, checkFrame(b, MAX_CLIENT_FRAME_BYTES, true));
}

/** Decodes a frame received from an edge. Refuses frames above MAX_SERVER_FRAME_BYTES and
 *  phone-only types. Throws only ProtocolError. */
export function decodeServerMessage(input: BinaryInput): ServerMessage {
  const b = toBytes(input);
  return decodeServerBody(b, checkFrame(b, MAX_SERVER_FRAME_BYTES, false));
}

/** Decodes a frame of either direction (tools, recorders, tests); size cap is the larger
 *  MAX_SERVER_FRAME_BYTES. Throws only ProtocolError. */
export function decodeMessage(input: BinaryInput): Message {
  const b = toBytes(input);
  const t = checkFrame(b, MAX_SERVER_FRAME_BYTES, null);
  return t & 0x80 ? decodeServerBody(b, t) : decodeClientBody(b, t);
}

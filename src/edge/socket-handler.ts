/**
 * The Bun WebSocket handler of the edge: hello/welcome, clock-sync answers, ready and
 * quality reports, and the one rule for everything else: a frame that breaks the protocol
 * or a limit closes that socket only, with the documented close code.
 */
import type { WebSocketHandler } from 'bun';
import {
  CLOCK_RESPONSE_BYTES,
  MessageType,
  PROTOCOL_VERSION,
  ProtocolError,
  checkClientOrder,
  closeCodeForError,
  closeCodeInfo,
  decodeClientMessage,
  encode,
  encodeClockResponseInto,
  newClockRequest,
  peekType,
  readClockRequest,
  type HelloMessage,
  CloseCode,
} from '../core/protocol/index.ts';
import { countedCloseCode } from './close-names.ts';
import { bunIdleTimeoutSec } from './edge-limits.ts';
import { nextSessionId, type EdgeContext, type EdgeSocket } from './edge-context.ts';
import type { EdgeSocketData } from './socket-data.ts';
import { takeMessageToken } from './token-bucket.ts';
import { topicsWithoutVenue } from './venue-topics.ts';

/** Closes one socket with a crowdlight close code and its documented reason. */
export function closeSocket(ws: EdgeSocket, code: number): void {
  ws.close(code, closeCodeInfo(code)?.reason ?? '');
}

/** Subscribes a socket that said hello to the topics of its seat. */
export function subscribeSeat(ctx: EdgeContext, ws: EdgeSocket): void {
  const topics = ctx.topics ? ctx.topics.placeSeat(ws.data) : topicsWithoutVenue();
  for (let i = 0; i < topics.length; i++) ws.subscribe(topics[i]!);
}

export function createSocketHandler(ctx: EdgeContext): WebSocketHandler<EdgeSocketData> {
  const L = ctx.limits;
  const c = ctx.counters;
  // One request holder and one response buffer for every exchange of the process: Bun's
  // send copies the bytes before it returns.
  const req = newClockRequest();
  const out = new Uint8Array(CLOCK_RESPONSE_BYTES);

  function onHello(ws: EdgeSocket, msg: HelloMessage): void {
    const d = ws.data;
    d.helloReceived = true;
    ctx.awaitingHello.delete(ws);
    ctx.connections++;
    let sessionId = -1;
    if (msg.resumeToken !== null) {
      sessionId = ctx.resumeTokens.verify(msg.resumeToken, msg.deviceId);
      if (sessionId < 0) c.resumeRejected++;
    }
    if (sessionId > 0) c.sessionsResumed++;
    else {
      sessionId = nextSessionId(ctx);
      c.sessionsFresh++;
    }
    d.sessionId = sessionId;
    const seat = msg.seat;
    if (seat !== null) {
      d.seatSection = seat.section;
      d.seatRow = seat.row;
      d.seatNumber = seat.seat;
    }
    subscribeSeat(ctx, ws);
    const welcome = encode({
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      sessionId,
      edgeId: ctx.edgeId,
      controllerTimeMs: ctx.now(),
      resumeToken: ctx.resumeTokens.issue(sessionId, msg.deviceId),
    });
    ws.send(welcome);
    c.countOut(welcome, 1);
    for (const r of ctx.retained.values()) {
      if (!ws.isSubscribed(r.topic)) continue;
      ws.send(r.frame);
      c.countOut(r.frame, 1);
    }
  }

  return {
    maxPayloadLength: L.maxPayloadBytes,
    backpressureLimit: L.backpressureLimitBytes,
    closeOnBackpressureLimit: true,
    // The edge's socket sweep closes idle sockets (4012); Bun's timer is only a backstop.
    idleTimeout: bunIdleTimeoutSec(L),
    // The phone's clock-sync exchanges are the heartbeat: a phone that stops them is gone,
    // even if its browser would still answer pings.
    sendPings: false,
    perMessageDeflate: false,
    publishToSelf: false,

    open(ws) {
      ctx.sockets.add(ws);
      ctx.awaitingHello.add(ws);
      if (ctx.closed) closeSocket(ws, CloseCode.Draining);
    },

    message(ws, m) {
      const t1 = ctx.now();
      if (typeof m === 'string') {
        c.textFramesIn++;
        c.bytesIn += m.length;
        closeSocket(ws, CloseCode.NotBinary);
        return;
      }
      const d = ws.data;
      c.bytesIn += m.length;
      if (m.length > 0) c.framesIn[m[0]!]!++;
      // The bucket runs on the receive time already read: one clock read fewer per message.
      if (!takeMessageToken(d, t1, L.messageBurst, L.messagesPerSecond)) {
        closeSocket(ws, CloseCode.RateLimited);
        return;
      }
      try {
        const type = peekType(m);
        if (type === MessageType.ClockRequest && d.helloReceived) {
          readClockRequest(m, req);
          encodeClockResponseInto(out, req.seq, req.t0, t1, ctx.now());
          ws.send(out);
          c.syncExchanges++;
          c.countOut(out, 1);
          return;
        }
        checkClientOrder(d.helloReceived, type);
        const msg = decodeClientMessage(m);
        switch (msg.type) {
          case 'hello':
            onHello(ws, msg);
            break;
          case 'ready':
            ctx.audience.onReady(d, msg);
            break;
          case 'qualityReport':
            ctx.audience.onQuality(d, msg);
            break;
          case 'clockRequest':
            // Only reachable before hello, which checkClientOrder has refused already.
            break;
        }
      } catch (err) {
        if (!(err instanceof ProtocolError)) ctx.log(`edge ${ctx.edgeId}: error handling a frame: ${String(err)}`);
        closeSocket(ws, closeCodeForError(err));
      }
    },

    close(ws, code, reason) {
      c.countClose(countedCloseCode(code, reason));
      ctx.sockets.delete(ws);
      ctx.awaitingHello.delete(ws);
      const d = ws.data;
      if (d.helloReceived) {
        d.helloReceived = false;
        ctx.connections--;
        ctx.audience.onClose(d);
      }
    },
  };
}

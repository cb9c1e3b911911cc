import { describe, expect, test } from 'bun:test';
import { MessageType, checkClientOrder, checkServerOrder } from '../../../src/core/protocol/index.ts';
import { expectProtocolError } from './expect-error.ts';

describe('protocol message order', () => {
  test("protocol - a clock request before hello is 'unexpected-type'", () => {
    expectProtocolError(() => checkClientOrder(false, MessageType.ClockRequest), 'unexpected-type');
    expectProtocolError(() => checkClientOrder(false, MessageType.Ready), 'unexpected-type');
    expect(() => checkClientOrder(false, MessageType.Hello)).not.toThrow();
  });

  test("protocol - a second hello is 'unexpected-type', other client frames pass after hello", () => {
    expectProtocolError(() => checkClientOrder(true, MessageType.Hello), 'unexpected-type');
    for (const t of [MessageType.ClockRequest, MessageType.Ready, MessageType.QualityReport]) {
      expect(() => checkClientOrder(true, t)).not.toThrow();
    }
  });

  test("protocol - the phone expects welcome first and only once", () => {
    expectProtocolError(() => checkServerOrder(false, MessageType.TransportState), 'unexpected-type');
    expectProtocolError(() => checkServerOrder(true, MessageType.Welcome), 'unexpected-type');
    expect(() => checkServerOrder(false, MessageType.Welcome)).not.toThrow();
    expect(() => checkServerOrder(true, MessageType.ClockResponse)).not.toThrow();
  });
});

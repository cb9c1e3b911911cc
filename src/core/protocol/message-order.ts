/**
 * The one ordering rule of a connection: each side's first frame is its greeting (`hello`
 * from the phone, `welcome` from the edge) and the greeting is sent exactly once. Both
 * sides call these with the type byte (from peekType) before decoding anything else.
 */
import { ProtocolError } from './errors.ts';
import { MessageType, messageTypeName } from './message-type.ts';

function check(greeted: boolean, type: number, greeting: number): void {
  if (greeted === (type === greeting)) {
    const name = messageTypeName(type) ?? `0x${type.toString(16)}`;
    throw new ProtocolError(
      'unexpected-type',
      greeted ? `${name} sent twice` : `${name} before ${messageTypeName(greeting)}`,
      type,
    );
  }
}

/** Edge side: throws 'unexpected-type' for anything but `hello` first, or a second `hello`. */
export function checkClientOrder(helloReceived: boolean, type: number): void {
  check(helloReceived, type, MessageType.Hello);
}

/** Phone side: throws 'unexpected-type' for anything but `welcome` first, or a second one. */
export function checkServerOrder(welcomeReceived: boolean, type: number): void {
  check(welcomeReceived, type, MessageType.Welcome);
}

/**
 * Stateless resume tokens: the session id and a keyed hash of it and the device id, under a
 * secret drawn at random when the edge process starts. The edge keeps no session table: a
 * token verifies by recomputing the hash. A token from another process (or before a
 * restart) simply fails to verify and the phone gets a fresh session.
 *
 * Layout (16 bytes): u32 sessionId little-endian, then the first 12 bytes of
 * HMAC-SHA256(secret, "crowdlight-resume-v1" | sessionId | deviceId).
 */
export const RESUME_TOKEN_BYTES = 16;
const TAG_BYTES = RESUME_TOKEN_BYTES - 4;
const LABEL = new TextEncoder().encode('crowdlight-resume-v1');

export class ResumeTokens {
  private readonly secret: Uint8Array;
  private readonly idBytes = new Uint8Array(4);

  constructor(secret?: Uint8Array) {
    this.secret = secret ?? crypto.getRandomValues(new Uint8Array(32));
  }

  private tag(sessionId: number, deviceId: Uint8Array): Uint8Array {
    const id = this.idBytes;
    id[0] = sessionId & 0xff;
    id[1] = (sessionId >>> 8) & 0xff;
    id[2] = (sessionId >>> 16) & 0xff;
    id[3] = (sessionId >>> 24) & 0xff;
    const h = new Bun.CryptoHasher('sha256', this.secret);
    h.update(LABEL);
    h.update(id);
    h.update(deviceId);
    return h.digest().subarray(0, TAG_BYTES);
  }

  /** A token for this session and device. */
  issue(sessionId: number, deviceId: Uint8Array): Uint8Array {
    const out = new Uint8Array(RESUME_TOKEN_BYTES);
    new DataView(out.buffer).setUint32(0, sessionId >>> 0, true);
    out.set(this.tag(sessionId, deviceId), 4);
    return out;
  }

  /** The session id a token resumes, or -1 when it does not verify for this device. */
  verify(token: Uint8Array, deviceId: Uint8Array): number {
    if (token.length !== RESUME_TOKEN_BYTES) return -1;
    const sessionId = new DataView(token.buffer, token.byteOffset, 4).getUint32(0, true);
    if (sessionId === 0) return -1;
    const expected = this.tag(sessionId, deviceId);
    let diff = 0;
    for (let i = 0; i < TAG_BYTES; i++) diff |= expected[i]! ^ token[4 + i]!;
    return diff === 0 ? sessionId : -1;
  }
}

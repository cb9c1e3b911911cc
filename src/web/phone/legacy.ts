/**
 * Stand-ins for the few built-ins the page's code uses that the oldest phones in a crowd
 * lack, installed before anything else runs. The bundle's syntax needs Safari 14 /
 * Chrome 80 (class fields, `??`, `?.`); these built-ins are newer:
 *   - `Object.hasOwn` (Safari 15.4, Chrome 93, Samsung Internet 17), used by core/protocol's
 *     `encode`: without it every `hello` throws and the phone never joins.
 */
const O = Object as unknown as { hasOwn?: (o: object, key: PropertyKey) => boolean };
if (typeof O.hasOwn !== 'function') O.hasOwn = (o, key) => Object.prototype.hasOwnProperty.call(o, key);

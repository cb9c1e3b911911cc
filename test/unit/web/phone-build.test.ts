import { describe, expect, test } from 'bun:test';
import { buildPhoneAssets } from '../../../src/web/phone/build.ts';

describe('phone build', () => {
  test('phone build - the page at / references its content-hashed, minified script', async () => {
    const assets = await buildPhoneAssets();
    expect(assets.map((a) => a.path).sort()[0]).toBe('/');
    const page = assets.find((a) => a.path === '/')!;
    const js = assets.find((a) => a.path !== '/')!;
    expect(page.cache).toBe('no-cache');
    expect(page.contentType).toStartWith('text/html');
    expect(js.path).toMatch(/^\/assets\/phone-[0-9a-f]{16}\.js$/);
    expect(js.cache).toBe('immutable');
    expect(new TextDecoder().decode(page.body)).toContain(`src="${js.path}"`);
    const code = new TextDecoder().decode(js.body);
    // Zod-free: schema validation stays on the server.
    expect(code).not.toContain('ZodError');
    expect(code).not.toContain('invalid_type');
    // Small enough for a congested stadium network (budget: 30 KB gzipped).
    expect(Bun.gzipSync(js.body as Uint8Array<ArrayBuffer>).length).toBeLessThan(30 * 1024);
  });
});

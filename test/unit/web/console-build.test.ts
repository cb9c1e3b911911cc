import { describe, expect, test } from 'bun:test';
import { buildConsoleAssets, CONSOLE_PATH } from '../../../src/web/console/index.ts';
import { contentHashHex } from '../../../src/web/static-site.ts';

describe('console build', () => {
  test('console build - page at /console (no-cache) references its hashed, immutable script', async () => {
    const assets = await buildConsoleAssets();
    const page = assets.find((a) => a.path === CONSOLE_PATH);
    const script = assets.find((a) => a.path.startsWith('/assets/console-'));
    expect(page?.cache).toBe('no-cache');
    expect(page?.contentType).toStartWith('text/html');
    expect(script?.cache).toBe('immutable');
    expect(script?.contentType).toStartWith('text/javascript');
    expect(script!.path).toBe(`/assets/console-${contentHashHex(script!.body)}.js`);
    const html = new TextDecoder().decode(page!.body);
    expect(html).toContain(`<script type="module" src="${script!.path}"></script>`);
    expect(html).toContain('<style>');
  });

  test('console build - the bundle carries no schema library', async () => {
    const assets = await buildConsoleAssets();
    const script = assets.find((a) => a.path.startsWith('/assets/console-'))!;
    const js = new TextDecoder().decode(script.body);
    expect(js).not.toContain('zod');
    expect(js).not.toContain('ZodError');
  });

  test('console build - the script stays within its size budget (48 KB gzipped)', async () => {
    const assets = await buildConsoleAssets();
    const script = assets.find((a) => a.path.startsWith('/assets/console-'))!;
    // Today about 31 KB: the renderer and venue layout for the preview and the QR encoder
    // are most of it. A jump past the budget means something large came along by mistake.
    expect(Bun.gzipSync(script.body as Uint8Array<ArrayBuffer>, { level: 9 }).length).toBeLessThan(48 * 1024);
  });
});

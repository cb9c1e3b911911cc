import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';

const root = join(import.meta.dir, '../../..');

async function bundle(entry: string): Promise<string> {
  const result = await Bun.build({ entrypoints: [join(root, entry)], target: 'browser', minify: true });
  expect(result.success).toBe(true);
  return result.outputs[0]!.text();
}

describe('bundle', () => {
  test('bundle - the renderer entry (show/runtime.ts) does not pull in zod', async () => {
    const code = await bundle('src/core/show/runtime.ts');
    expect(code).not.toContain('ZodError');
    expect(code).not.toContain('$ZodType');
    // Positive control: the validating entry does contain zod.
    expect(await bundle('src/core/show/index.ts')).toContain('$ZodType');
  });

  test('bundle - the venue runtime entry does not pull in zod', async () => {
    const code = await bundle('src/core/venue/runtime.ts');
    expect(code).not.toContain('$ZodType');
  });

  test('bundle - renderer and venue runtime fit well inside the phone budget (gzip)', async () => {
    const size = Bun.gzipSync(new TextEncoder().encode(await bundle('src/core/show/runtime.ts'))).length;
    expect(size).toBeLessThan(12 * 1024);
  });
});

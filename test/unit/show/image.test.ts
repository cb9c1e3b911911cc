import { describe, expect, test } from 'bun:test';
import { assetSize, colorAt, decodeAsset, encodeBase64, renderText, decodeBase64, textSize, validateShow, type Asset } from '../../../src/core/show/index.ts';
import { seatAt, single } from './helpers.ts';

const quad: Asset = {
  kind: 'indexed',
  width: 2,
  height: 2,
  palette: { r: '#ff0000', g: '#00ff00', b: '#0000ff', w: '#ffffff' },
  rows: ['rg', 'bw'],
};

describe('image effect', () => {
  test('image - samples the pixel under the seat; row 0 is the north edge', () => {
    const show = single({ kind: 'image', asset: 'quad', box: { x: 0, y: 0, width: 20, height: 20 } }, {}, { assets: { quad } });
    const px = (x: number, y: number) => colorAt(show, 0, seatAt(x, y), 0);
    expect(px(5, 15)).toEqual([255, 0, 0]); // north-west
    expect(px(15, 15)).toEqual([0, 255, 0]); // north-east
    expect(px(5, 5)).toEqual([0, 0, 255]); // south-west
    expect(px(15, 5)).toEqual([255, 255, 255]); // south-east
    expect(px(25, 5)).toEqual([0, 0, 0]); // outside the box: transparent over black
  });

  test('image - background fills outside the box, contain keeps the aspect ratio', () => {
    const show = single(
      { kind: 'image', asset: 'quad', box: { x: 0, y: 0, width: 40, height: 20 }, fit: 'contain', background: '#202020' },
      {},
      { assets: { quad } },
    );
    const px = (x: number, y: number) => colorAt(show, 0, seatAt(x, y), 0);
    expect(px(5, 10)).toEqual([32, 32, 32]); // left margin of the contained picture
    expect(px(15, 15)).toEqual([255, 0, 0]); // picture occupies x 10..30
    expect(px(25, 5)).toEqual([255, 255, 255]);
  });

  test('image - scroll moves the picture and wrap tiles it', () => {
    const show = single(
      { kind: 'image', asset: 'quad', box: { x: 0, y: 0, width: 20, height: 20 }, scroll: { x: 10, y: 0 }, wrap: 'x' },
      {},
      { assets: { quad } },
    );
    expect(colorAt(show, 0, seatAt(5, 15), 0)).toEqual([255, 0, 0]);
    expect(colorAt(show, 1_000, seatAt(5, 15), 0)).toEqual([0, 255, 0]); // moved 10 m east
    expect(colorAt(show, 2_000, seatAt(5, 15), 0)).toEqual([255, 0, 0]); // wrapped around
    expect(colorAt(show, 0, seatAt(25, 15), 0)).toEqual([255, 0, 0]); // tiled along x
    expect(colorAt(show, 0, seatAt(5, 25), 0)).toEqual([0, 0, 0]); // but not along y
  });

  test('image - rgb assets decode from base64', () => {
    const bytes = new Uint8Array([10, 20, 30, 40, 50, 60]);
    const asset: Asset = { kind: 'rgb', width: 2, height: 1, data: encodeBase64(bytes) };
    expect(Array.from(decodeBase64(encodeBase64(bytes)))).toEqual(Array.from(bytes));
    const img = decodeAsset(asset);
    expect(Array.from(img.rgba)).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
    const show = single({ kind: 'image', asset: 'pic', box: { x: 0, y: 0, width: 2, height: 1 } }, {}, { assets: { pic: asset } });
    expect(colorAt(show, 0, seatAt(1.5, 0.5), 0)).toEqual([40, 50, 60]);
  });

  test('image - text assets render with the built-in pixel font', () => {
    const bitmap = renderText('HI', 1, 0);
    expect(bitmap.width).toBe(11);
    expect(bitmap.height).toBe(7);
    const row = (y: number) => Array.from(bitmap.ink.slice(y * 11, y * 11 + 11)).join('');
    expect(row(0)).toBe('10001001110');
    expect(row(3)).toBe('11111000100');
    // One metre per pixel: the H's crossbar (row 3) at x = 2.5 is ink; x = 1.5 in row 1 is not.
    const text: Asset = { kind: 'text', text: 'HI', color: '#ffcc00' };
    const show = single({ kind: 'image', asset: 't', box: { x: 0, y: 0, width: 11, height: 7 } }, {}, { assets: { t: text } });
    expect(colorAt(show, 0, seatAt(2.5, 7 - 3.5), 0)).toEqual([255, 204, 0]);
    expect(colorAt(show, 0, seatAt(1.5, 7 - 1.5), 0)).toEqual([0, 0, 0]);
  });
});

describe('image effect rotation', () => {
  test('image - rotation -90 runs the picture north to south with its top to the east', () => {
    // Box 20 x 20 centred on (10, 10). After -90 deg the top-left (red) pixel is at the north-east.
    const show = single({ kind: 'image', asset: 'quad', box: { x: 0, y: 0, width: 20, height: 20 }, rotation: -90 }, {}, { assets: { quad } });
    const px = (x: number, y: number) => colorAt(show, 0, seatAt(x, y), 0);
    expect(px(15, 15)).toEqual([255, 0, 0]); // north-east: top-left pixel
    expect(px(15, 5)).toEqual([0, 255, 0]); // south-east: top-right pixel
    expect(px(5, 15)).toEqual([0, 0, 255]); // north-west: bottom-left pixel
    expect(px(5, 5)).toEqual([255, 255, 255]);
  });
});

describe('text asset size', () => {
  test('image - assetSize of a text asset equals its decoded size, even when upper-casing lengthens it', () => {
    for (const text of ['HELLO', 'Straße', 'ﬁne', 'a']) {
      const asset: Asset = { kind: 'text', text, letterSpacing: 2, padding: 1 };
      const decoded = decodeAsset(asset);
      expect(assetSize(asset)).toEqual({ width: decoded.width, height: decoded.height });
      expect(textSize(text, 2, 1)).toEqual({ width: decoded.width, height: decoded.height });
    }
  });
});

describe('indexed asset characters', () => {
  test('image - palette keys outside the BMP (emoji) are one pixel each, as validation counts them', () => {
    const asset: Asset = { kind: 'indexed', width: 3, height: 1, palette: { '🟥': '#ff0000', '🟦': '#0000ff', '.': 'transparent' }, rows: ['🟥.🟦'] };
    expect(validateShow({ version: 1, id: 's', name: 'n', venue: 'v', durationMs: 10, assets: { a: asset }, tracks: [] }).ok).toBe(true);
    expect([...decodeAsset(asset).rgba]).toEqual([255, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255, 255]);
  });
});

import type { Cue, Show } from './types.ts';

/**
 * The demo show: two minutes for the demo stadium (venue "demo-stadium") that exercises every
 * effect kind, zone and section targets, every blend mode and text/logo pixel-maps. The
 * committed `shows/demo-show.json` is this document serialised; a unit test keeps them equal.
 *
 * Venue geometry it relies on: pitch centre (0, 0), north stand y > 64, east stand x > 46,
 * bowl within about x +-125 m and y +-143 m.
 */

export const DEMO_SHOW_ID = 'demo-show';
const BPM = 128;
const BEAT = 60_000 / BPM;

const HEART_ROWS = [
  '.##...##.',
  '####.####',
  '#########',
  '#########',
  '.#######.',
  '..#####..',
  '...###...',
  '....#....',
];

export function buildDemoShow(): Show {
  const base: Cue[] = [
    // 0-8 s: the bowl wakes up.
    { id: 'intro-fade', at: 0, duration: 8_000, effect: { kind: 'fade', from: '#000000', to: '#001a4d', easing: 'ease-in-out' } },
    // 8-24 s: colours roll from the south end to the north end.
    {
      id: 'north-roll',
      at: 8_000,
      duration: 16_000,
      fadeInMs: 1_000,
      effect: {
        kind: 'gradient',
        angle: 90,
        origin: { x: 0, y: -150 },
        length: 300,
        scroll: 15,
        repeat: 'repeat',
        stops: [
          { at: 0, color: '#001a4d' },
          { at: 0.35, color: '#6a00ff' },
          { at: 0.65, color: '#ff2d95' },
          { at: 1, color: '#001a4d' },
        ],
      },
    },
    { id: 'wave-bed', at: 24_000, duration: 16_000, effect: { kind: 'solid', color: '#0a0a24' } },
    // 40-56 s: the whole bowl pulses on the beat; zones tint it below.
    { id: 'beat', at: 40_000, duration: 16_000, effect: { kind: 'pulse', color: '#ffffff', bpm: BPM, shape: 'decay', floor: 0.12 } },
    { id: 'ripple-bed', at: 56_000, duration: 16_000, effect: { kind: 'solid', color: '#000014' } },
    // 72-88 s: a mirrored spectrum sweeping east to west.
    {
      id: 'spectrum',
      at: 72_000,
      duration: 16_000,
      fadeInMs: 500,
      effect: {
        kind: 'gradient',
        angle: 0,
        origin: { x: -125, y: 0 },
        length: 250,
        scroll: -20,
        repeat: 'mirror',
        stops: [
          { at: 0, color: '#ff0000' },
          { at: 0.25, color: '#ffd000' },
          { at: 0.5, color: '#00ff60' },
          { at: 0.75, color: '#00c8ff' },
          { at: 1, color: '#4000ff' },
        ],
      },
    },
    { id: 'night-sky', at: 88_000, duration: 16_000, effect: { kind: 'solid', color: '#02020a' } },
    { id: 'picture-bed', at: 104_000, duration: 10_000, effect: { kind: 'solid', color: '#000000' } },
    { id: 'finale', at: 114_000, duration: 4_000, effect: { kind: 'fade', from: '#ffffff', to: '#000000', easing: 'ease-out' } },
    { id: 'end', at: 118_000, duration: 2_000, effect: { kind: 'blackout' } },
  ];

  const motion: Cue[] = [
    // 24-40 s: a cyan wave crosses west to east every 8 s; a magenta one runs north every 8 s.
    {
      id: 'east-wave',
      at: 24_000,
      duration: 16_000,
      effect: { kind: 'wave', color: '#00e5ff', angle: 0, origin: { x: -130, y: 0 }, speed: 40, width: 30, tail: 0.7, periodMs: 8_000 },
    },
    {
      id: 'north-wave',
      at: 28_000,
      duration: 12_000,
      blend: 'add',
      effect: { kind: 'wave', color: '#ff00aa', angle: 90, origin: { x: 0, y: -150 }, speed: 50, width: 20, periodMs: 8_000 },
    },
    // 56-72 s: golden rings from the centre spot, then from the north end.
    {
      id: 'centre-rings',
      at: 56_000,
      duration: 8_000,
      effect: { kind: 'ripple', color: '#ffd000', center: { x: 0, y: 0 }, speed: 30, width: 12, rings: 4, spacing: 40 },
    },
    {
      id: 'north-rings',
      at: 64_000,
      duration: 8_000,
      blend: 'max',
      effect: { kind: 'ripple', color: '#ff5a00', center: { x: 0, y: 142 }, speed: 45, width: 15, rings: 3, spacing: 60, background: '#000014' },
    },
    // 88-104 s: stars.
    {
      id: 'stars',
      at: 88_000,
      duration: 16_000,
      fadeInMs: 2_000,
      fadeOutMs: 2_000,
      blend: 'screen',
      effect: { kind: 'sparkle', color: '#fff6d8', density: 0.12, rateHz: 6, decay: 0.7, seed: 1 },
    },
  ];

  const zones: Cue[] = [
    // Both end sections of the lower tier light up with the roll.
    { id: 'ends-glow', at: 16_000, duration: 8_000, fadeInMs: 2_000, opacity: 0.6, blend: 'add', target: { sections: ['101', '111'] }, effect: { kind: 'solid', color: '#ffffff' } },
    // Each stand tints the beat its own colour.
    { id: 'tint-north', at: 40_000, duration: 16_000, blend: 'multiply', target: { zones: ['north'] }, effect: { kind: 'solid', color: '#ff3030' } },
    { id: 'tint-east', at: 40_000, duration: 16_000, blend: 'multiply', target: { zones: ['east'] }, effect: { kind: 'solid', color: '#30ff60' } },
    { id: 'tint-south', at: 40_000, duration: 16_000, blend: 'multiply', target: { zones: ['south'] }, effect: { kind: 'solid', color: '#3070ff' } },
    { id: 'tint-west', at: 40_000, duration: 16_000, blend: 'multiply', target: { zones: ['west'] }, effect: { kind: 'solid', color: '#ffd030' } },
    // The upper tier flashes on the last bars of the beat section (3 Hz: at the photosensitivity limit, not over it).
    { id: 'upper-strobe', at: 40_000 + 24 * BEAT, duration: 16_000 - 24 * BEAT, target: { zones: ['upper'] }, blend: 'max', effect: { kind: 'strobe', color: '#ffffff', rateHz: 3, duty: 0.25 } },
    // The pitch-side rows glow gold under the spectrum.
    { id: 'pitch-side-gold', at: 80_000, duration: 8_000, fadeInMs: 1_500, fadeOutMs: 1_500, target: { zones: ['pitch-side'] }, effect: { kind: 'solid', color: '#ffb000' } },
  ];

  const pictures: Cue[] = [
    // "HELLO" across the north stand, upright from above (north at the top).
    {
      id: 'hello',
      at: 104_000,
      duration: 10_000,
      fadeInMs: 500,
      target: { zones: ['north'] },
      effect: { kind: 'image', asset: 'hello', box: { x: -70, y: 84, width: 140, height: 36 }, fit: 'contain' },
    },
    // "CROWDLIGHT" along the east stand, readable from the west stand.
    {
      id: 'crowdlight-east',
      at: 104_000,
      duration: 10_000,
      fadeInMs: 500,
      target: { zones: ['east'] },
      effect: { kind: 'image', asset: 'crowdlight', box: { x: 15, y: -20, width: 140, height: 40 }, rotation: -90, background: '#000820' },
    },
    // The same word as a marquee along the west stand, readable from the east stand.
    {
      id: 'crowdlight-west',
      at: 104_000,
      duration: 10_000,
      target: { zones: ['west'] },
      effect: { kind: 'image', asset: 'crowdlight', box: { x: -155, y: -20, width: 140, height: 40 }, rotation: 90, scroll: { x: -20, y: 0 }, wrap: 'x' },
    },
    // A heart over the south stand.
    {
      id: 'heart',
      at: 104_000,
      duration: 10_000,
      fadeInMs: 500,
      target: { zones: ['south'] },
      effect: { kind: 'image', asset: 'heart', box: { x: -45, y: -140, width: 90, height: 78 }, fit: 'contain' },
    },
  ];

  return {
    version: 1,
    id: DEMO_SHOW_ID,
    name: 'crowdlight demo show',
    venue: 'demo-stadium',
    durationMs: 120_000,
    bpm: BPM,
    assets: {
      hello: { kind: 'text', text: 'HELLO', color: '#ffffff', padding: 1 },
      crowdlight: { kind: 'text', text: 'CROWDLIGHT', color: '#00e5ff', letterSpacing: 1, padding: 1 },
      heart: { kind: 'indexed', width: 9, height: 8, palette: { '.': 'transparent', '#': '#ff2050' }, rows: HEART_ROWS },
    },
    tracks: [
      { id: 'base', name: 'Base looks', cues: base },
      { id: 'motion', name: 'Waves, ripples and stars', cues: motion },
      { id: 'zones', name: 'Zone and section accents', cues: zones },
      { id: 'pictures', name: 'Words and logo', cues: pictures },
    ],
  };
}

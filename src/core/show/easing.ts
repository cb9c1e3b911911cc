import type { Easing } from './types.ts';

/** Maps progress p in [0, 1] through an easing curve; the result is in [0, 1]. */
export function ease(easing: Easing, p: number): number {
  const x = p <= 0 ? 0 : p >= 1 ? 1 : p;
  switch (easing) {
    case 'linear':
      return x;
    case 'ease-in':
      return x * x;
    case 'ease-out':
      return 1 - (1 - x) * (1 - x);
    case 'ease-in-out':
      return x < 0.5 ? 2 * x * x : 1 - 2 * (1 - x) * (1 - x);
    case 'step':
      return x < 1 ? 0 : 1;
  }
}

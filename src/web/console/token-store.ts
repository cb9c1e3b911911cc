/** Where the console keeps the operator token between visits (this browser only). */
export const TOKEN_KEY = 'crowdlight.console.token';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class TokenStore {
  constructor(private readonly store: KeyValueStore | null) {}

  load(): string | null {
    try {
      const t = this.store?.getItem(TOKEN_KEY) ?? null;
      return t && t.trim() !== '' ? t : null;
    } catch {
      return null;
    }
  }

  save(token: string): void {
    try {
      this.store?.setItem(TOKEN_KEY, token);
    } catch {
      // Storage may be disabled (private mode): the token then lasts for this page only.
    }
  }

  clear(): void {
    try {
      this.store?.removeItem(TOKEN_KEY);
    } catch {
      // As above.
    }
  }
}

import { Platform } from 'react-native';
import * as SecureStore from 'expo-secure-store';

import type { TokenAnswer } from '../api/types';

/** Where the tokens of a login are kept: the device's secure store, or the browser tab's session storage. */
export interface TokenStore {
  load(): Promise<TokenAnswer | null>;
  save(tokens: TokenAnswer): Promise<void>;
  clear(): Promise<void>;
}

const KEY = 'brigade.session';

export const secureTokenStore: TokenStore = {
  async load() {
    const raw = Platform.OS === 'web' ? globalThis.sessionStorage?.getItem(KEY) : await SecureStore.getItemAsync(KEY);
    return raw ? (JSON.parse(raw) as TokenAnswer) : null;
  },
  async save(tokens) {
    const raw = JSON.stringify(tokens);
    if (Platform.OS === 'web') {
      globalThis.sessionStorage?.setItem(KEY, raw);
    } else {
      await SecureStore.setItemAsync(KEY, raw);
    }
  },
  async clear() {
    if (Platform.OS === 'web') {
      globalThis.sessionStorage?.removeItem(KEY);
    } else {
      await SecureStore.deleteItemAsync(KEY);
    }
  },
};

export function memoryTokenStore(initial: TokenAnswer | null = null): TokenStore {
  let held = initial;
  return {
    load: async () => held,
    save: async (tokens) => {
      held = tokens;
    },
    clear: async () => {
      held = null;
    },
  };
}

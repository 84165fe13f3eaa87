/**
 * What the phone keeps between page loads until the server has acknowledged it: the fix queue
 * and a pending SOS. localStorage on the phone (one key per user), memory in tests.
 */
export interface Stored<T> {
  load: () => T;
  save: (value: T) => void;
}

export function memoryStored<T>(initial: T): Stored<T> & { saved: T } {
  const stored = {
    saved: initial,
    load: () => stored.saved,
    save: (value: T) => {
      stored.saved = value;
    },
  };
  return stored;
}

/** A JSON value under `key`; what is missing, unreadable or not of the expected shape loads as `fallback`. */
export function localStored<T>(key: string, fallback: T, isValid: (value: unknown) => value is T): Stored<T> {
  return {
    load: () => {
      try {
        const raw = localStorage.getItem(key);
        const parsed: unknown = raw === null ? fallback : JSON.parse(raw);
        return isValid(parsed) ? parsed : fallback;
      } catch {
        return fallback;
      }
    },
    save: (value) => {
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch {
        // Storage full or denied: the queue still works for this page's life.
      }
    },
  };
}

import { create } from 'zustand';

/** `suspended` until the browser lets the page make sound (autoplay policy): then a button asks for a click. */
export type SoundState = 'running' | 'suspended' | 'unsupported';

export const useSound = create<{ state: SoundState }>(() => ({ state: 'suspended' }));

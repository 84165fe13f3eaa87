import type { Deps } from '../services/deps.js';
import { DemoSource, findDemoVideoDir } from './demo-source.js';
import { createRelay, type Relay } from './relay.js';

export interface VideoOptions {
  /** Per upstream exchange (default 5 s). */
  upstreamTimeoutMs?: number;
  /** The demo video's directory; found next to the server when omitted, null for none. */
  demoDir?: string | null;
}

export interface Video {
  relay: Relay;
  demo: DemoSource | null;
}

export function createVideo(deps: Deps, options: VideoOptions = {}): Video {
  const demoDir = options.demoDir === undefined ? findDemoVideoDir() : options.demoDir;
  const demo = demoDir ? new DemoSource(demoDir, deps.clock) : null;
  return { relay: createRelay(deps, { demo, timeoutMs: options.upstreamTimeoutMs }), demo };
}

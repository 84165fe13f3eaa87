import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../services/deps.js';
import { startCameraHealth, type CameraHealthOptions } from './camera-health.js';
import { DemoSource, findDemoVideoDir } from './demo-source.js';
import { createRelay, type Relay } from './relay.js';

export interface VideoOptions {
  /** Per upstream exchange (default 5 s). */
  upstreamTimeoutMs?: number;
  /** The demo video's directory; found next to the server when omitted, null for none. */
  demoDir?: string | null;
  /** Marks cameras offline/online by their streams (on by default); false for none. */
  cameraHealth?: CameraHealthOptions | false;
}

export interface Video {
  relay: Relay;
  demo: DemoSource | null;
  close(): Promise<void>;
}

export function createVideo(deps: Deps, log: FastifyBaseLogger, options: VideoOptions = {}): Video {
  const demoDir = options.demoDir === undefined ? findDemoVideoDir() : options.demoDir;
  const demo = demoDir ? new DemoSource(demoDir, deps.clock) : null;
  const relay = createRelay(deps, { demo, timeoutMs: options.upstreamTimeoutMs });
  const health = options.cameraHealth === false ? null : startCameraHealth(deps, relay, log, options.cameraHealth);
  return { relay, demo, close: async () => health?.stop() };
}

// What bench:fold measures: the queue's real folding code.
export { foldQueue } from '../src/features/alarms/stormFold';
export { liveFold } from '../src/features/alarms/liveQueue';
export { compareAlarms, isOpen } from '@vigil/shared';

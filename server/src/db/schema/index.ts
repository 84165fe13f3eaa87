export * from './events.js';
export * from './sites.js';
export * from './site-images.js';
export * from './alarms.js';
export * from './auth.js';
export * from './guards.js';
export * from './wall.js';
export * from './incidents.js';

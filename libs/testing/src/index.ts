export * from './infra.js';
export * from './system.js';
export * from './in-process.js';
export * from './rpc-client.js';
export * from './wait.js';
export * from './jetstream.js';
export * from './tcp-proxy.js';

// The JetStream helpers live in libs/testing; this re-export keeps `./jetstream.js` imports working.
export { readStream } from '#testing';

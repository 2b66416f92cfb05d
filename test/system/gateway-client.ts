// The gateway client lives in libs/testing; this re-export keeps `./gateway-client.js` imports working.
export { Api } from '#testing';

import type { GatewaySubjects, VerifyApiKeyReply, VerifyApiKeyRequest } from './gateway.js';

/** What each gateway command or query takes and answers (`ServiceClient.request` reads it). */
export interface GatewayCommands {
  [GatewaySubjects.verifyApiKey]: { request: VerifyApiKeyRequest; reply: VerifyApiKeyReply };
}

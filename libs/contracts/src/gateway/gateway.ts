import type { ApiKeyRole } from '../common/auth.js';

export const GatewaySubjects = {
  verifyApiKey: 'gateway.apikey.verify',
} as const;

/** The key is never sent over NATS: only its SHA-256 (hex), which does not open the HTTP API. */
export interface VerifyApiKeyRequest {
  keyHash: string;
}

export interface VerifyApiKeyReply {
  keyId: string;
  name: string;
  role: ApiKeyRole;
  customerId?: string;
}

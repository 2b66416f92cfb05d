import type { ApiKeyRole } from '../common/auth.js';

export const GatewaySubjects = {
  verifyApiKey: 'gateway.apikey.verify',
} as const;

export interface VerifyApiKeyRequest {
  apiKey: string;
}

export interface VerifyApiKeyReply {
  keyId: string;
  name: string;
  role: ApiKeyRole;
  customerId?: string;
}

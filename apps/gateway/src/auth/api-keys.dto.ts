import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type ApiKeyRole, ApiKeyRoles, IntIn, IsoDateTime, Matching, Uuid } from '#contracts';

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'web-shop', description: 'Unique name of the key holder' })
  @Matching(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/,
    64,
    'name must be 1-64 letters, digits, space, dot, dash or underscore',
  )
  name: string;

  @ApiProperty({ enum: ApiKeyRoles })
  @IsIn(ApiKeyRoles, { message: `role must be one of ${ApiKeyRoles.join(', ')}` })
  role: ApiKeyRole;

  @ApiPropertyOptional({ description: 'Required for role customer: the customer the key acts for' })
  @IsOptional()
  @Uuid()
  customerId?: string;

  @ApiPropertyOptional({ description: 'When the key stops working (ISO 8601, in the future); never when absent' })
  @IsOptional()
  @IsoDateTime()
  expiresAt?: string;
}

/** Maximum grace for a rotated-out secret: 30 days. */
export const MAX_PREVIOUS_VALID_SECONDS = 2_592_000;

export class RotateApiKeyRequest {
  @ApiPropertyOptional({
    description:
      'How long the old secret keeps working, in seconds (0 ends it at once; default 86400, at most 2592000)',
    minimum: 0,
    maximum: MAX_PREVIOUS_VALID_SECONDS,
  })
  @IsOptional()
  @IntIn(0, MAX_PREVIOUS_VALID_SECONDS)
  previousKeyValidSeconds?: number;
}

export class ApiKeyView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ApiKeyRoles }) role: ApiKeyRole;
  @ApiPropertyOptional() customerId?: string;
  @ApiProperty({ description: 'First characters of the key, to recognise it' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() expiresAt?: string;
  @ApiPropertyOptional({ description: 'When the secret was last rotated' }) rotatedAt?: string;
  @ApiPropertyOptional({ description: 'Until when the secret before the last rotation still works' })
  previousKeyValidUntil?: string;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The secret; shown only in this response' }) key: string;
}

export class RotatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The new secret; shown only in this response' }) key: string;
}

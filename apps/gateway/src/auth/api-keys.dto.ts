import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type ApiKeyRole, ApiKeyRoles, Matching, Uuid } from '#contracts';

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
}

export class ApiKeyView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ApiKeyRoles }) role: ApiKeyRole;
  @ApiPropertyOptional() customerId?: string;
  @ApiProperty({ description: 'First characters of the key, to recognise it' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() revokedAt?: string;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The secret; shown only in this response' }) key: string;
}

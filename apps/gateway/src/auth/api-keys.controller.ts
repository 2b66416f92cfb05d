import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiConflict, ApiNotFound, ApiStandardErrors } from '../openapi/api-docs.js';
import { uuid } from '../routes/params.js';
import {
  ApiKeyView,
  CreateApiKeyRequest,
  CreatedApiKeyView,
  RotateApiKeyRequest,
  RotatedApiKeyView,
} from './api-keys.dto.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('API keys')
@ApiStandardErrors()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key with a role; the secret is shown only in this answer' })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  @ApiConflict('A key with this name exists')
  create(@Body() body: CreateApiKeyRequest) {
    return this.keys.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (never their secrets)' })
  @ApiOkResponse({ type: [ApiKeyView] })
  list() {
    return this.keys.list();
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke an API key for good (not the key of this request, nor the last active admin key)',
  })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiNotFound('The key')
  @ApiConflict('The key is the one making this request, or the last active admin key')
  revoke(@Param('id', uuid('id')) id: string) {
    return this.keys.revoke(id);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give a key a new secret; the old one keeps working for previousKeyValidSeconds (default a day)',
  })
  @ApiOkResponse({ type: RotatedApiKeyView })
  @ApiNotFound('The key')
  @ApiConflict('The key was revoked')
  rotate(@Param('id', uuid('id')) id: string, @Body() body: RotateApiKeyRequest) {
    return this.keys.rotate(id, body);
  }
}

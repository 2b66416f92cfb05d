import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiConflict, ApiNotFound, ApiStandardErrors } from '../openapi/api-docs.js';
import { uuid } from '../routes/params.js';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKeyView } from './api-keys.dto.js';
import { ApiKeysService } from './api-keys.service.js';
import { Roles } from './auth.guard.js';

@ApiTags('API keys')
@ApiStandardErrors()
@Roles('admin')
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
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiNotFound('The key')
  revoke(@Param('id', uuid('id')) id: string) {
    return this.keys.revoke(id);
  }
}

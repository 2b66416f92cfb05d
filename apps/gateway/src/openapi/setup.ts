import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentIdempotency } from './idempotency-docs.js';

/** OpenAPI from the gateway's routes: JSON at /docs-json, a browsable page at /docs. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Order-to-cash API')
    .setDescription(
      'The public REST API of the order-to-cash system. Every route but /health, /metrics and /docs needs an API key ' +
        "(`X-Api-Key: <key>` or `Authorization: Bearer <key>`); the key's role decides what it may call. " +
        'Errors are application/problem+json with a stable `code`. Money is integer minor units with a currency.',
    )
    .setVersion('0.1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The API key as a bearer token' }, 'bearer')
    .build();
  const document = documentIdempotency(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Order-to-cash API' });
}

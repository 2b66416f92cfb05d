import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { PlatformModule, type ServiceDefinition } from '#platform';
import { ApiKeysController } from './auth/api-keys.controller.js';
import { ApiKeysHandler } from './auth/api-keys.handler.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { ApiKeyGuard } from './auth/auth.guard.js';
import { RateLimitGuard } from './auth/rate-limit.guard.js';
import { RateCountersModule } from './auth/rate-counters.module.js';
import { RoutePolicyCheck } from './auth/route-policy.check.js';
import { GatewayConfig } from './config.js';
import { ConsistencyCheckService } from './consistency/consistency-check.service.js';
import { ConsistencyController } from './consistency/consistency.controller.js';
import { DeadLettersController } from './dead-letters/dead-letters.controller.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyMetrics } from './idempotency/idempotency.metrics.js';
import { GatewayInit1700000000600 } from './migrations/1700000000600-gateway-init.js';
import { IdempotencyLease1700000000610 } from './migrations/1700000000610-idempotency-lease.js';
import { KeyLifecycle1700000000620 } from './migrations/1700000000620-key-lifecycle.js';
import { setupOpenApi } from './openapi/setup.js';
import { BatchesController, csvBodyParser } from './routes/batches.controller.js';
import { BillingController } from './routes/billing.controller.js';
import { CatalogController } from './routes/catalog.controller.js';
import { OrderActionsController } from './routes/order-actions.controller.js';
import { OrdersController } from './routes/orders.controller.js';
import { CreditMemosController, ReturnsController } from './routes/returns.controller.js';
import { PriceRulesController } from './routes/price-rules.controller.js';
import { PricingSetupController } from './routes/pricing-setup.controller.js';
import { PricingController } from './routes/pricing.controller.js';
import { StockController } from './routes/stock.controller.js';
import { WarehouseController } from './routes/warehouse.controller.js';

/** The public REST API: authentication, roles, idempotency and OpenAPI; no business rules. */
@Module({})
export class AppModule implements NestModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          name: 'gateway',
          config,
          migrations: [GatewayInit1700000000600, IdempotencyLease1700000000610, KeyLifecycle1700000000620],
          logHttp: true,
        }),
        DiscoveryModule,
        RateCountersModule,
      ],
      controllers: [
        ApiKeysController,
        DeadLettersController,
        ApiKeysHandler,
        CatalogController,
        StockController,
        PricingController,
        PriceRulesController,
        PricingSetupController,
        OrdersController,
        OrderActionsController,
        ReturnsController,
        CreditMemosController,
        WarehouseController,
        BillingController,
        BatchesController,
        ConsistencyController,
      ],
      providers: [
        ApiKeysService,
        ConsistencyCheckService,
        RoutePolicyCheck,
        IdempotencyMetrics,
        // In this order: the limits first (cheap, and before any key is looked up), then the key and its role.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }

  /** Order files are uploaded as the raw text/csv body of one route. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(csvBodyParser).forRoutes({ path: 'batches/:id/import', method: RequestMethod.POST });
  }
}

export const gatewayService: ServiceDefinition<GatewayConfig> = {
  name: 'gateway',
  config: GatewayConfig,
  module: (config) => AppModule.register(config),
  configureHttp: (app, config) => {
    // Behind a proxy the client address comes from X-Forwarded-For, for as many hops as configured.
    const trust = config.GATEWAY_TRUST_PROXY;
    (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set(
      'trust proxy',
      trust === 'true' ? true : trust === 'false' ? false : Number(trust),
    );
    setupOpenApi(app);
  },
};

import { Module } from '@nestjs/common';
import { PickTicketsModule } from '../pick-tickets/pick-tickets.module.js';
import { ShipmentsModule } from '../shipments/shipments.module.js';
import { ApiKeyVerifier } from './api-key-verifier.service.js';
import { ScannerAuthGuard } from './scanner-auth.guard.js';
import { ScannerLookupService } from './scanner-lookup.service.js';
import { ScannerIdempotencyInterceptor } from './scanner-idempotency.interceptor.js';
import { ScannerController } from './scanner.controller.js';

@Module({
  imports: [PickTicketsModule, ShipmentsModule],
  controllers: [ScannerController],
  providers: [ApiKeyVerifier, ScannerAuthGuard, ScannerIdempotencyInterceptor, ScannerLookupService],
})
export class ScannerModule {}

import { Module } from '@nestjs/common';
import { OpenItemsService } from './open-items.service.js';

/** A/R open items. No NATS edge of its own yet: invoices open items and payments settle them. */
@Module({
  providers: [OpenItemsService],
  exports: [OpenItemsService],
})
export class ReceivablesModule {}

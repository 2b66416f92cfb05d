import { Module } from '@nestjs/common';
import { OpenItemsService } from './open-items.service.js';
import { ReceivablesHandler } from './receivables.handler.js';

/** A/R open items (invoices open them, payments and credits settle them) and aging. */
@Module({
  controllers: [ReceivablesHandler],
  providers: [OpenItemsService],
  exports: [OpenItemsService],
})
export class ReceivablesModule {}

import { Module } from '@nestjs/common';
import { CreditNotesHandler } from './credit-notes.handler.js';
import { CreditNotesService } from './credit-notes.service.js';
import { CreditSettlementService } from './credit-settlement.service.js';

@Module({ controllers: [CreditNotesHandler], providers: [CreditNotesService, CreditSettlementService] })
export class CreditNotesModule {}

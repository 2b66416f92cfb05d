import { Module } from '@nestjs/common';
import { CreditNotesHandler } from './credit-notes.handler.js';
import { CreditNotesService } from './credit-notes.service.js';

@Module({ controllers: [CreditNotesHandler], providers: [CreditNotesService] })
export class CreditNotesModule {}

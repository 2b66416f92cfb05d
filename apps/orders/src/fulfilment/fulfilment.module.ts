import { Module } from '@nestjs/common';
import { FulfilmentHandler } from './fulfilment.handler.js';
import { FulfilmentService } from './fulfilment.service.js';

@Module({ providers: [FulfilmentHandler, FulfilmentService] })
export class FulfilmentModule {}

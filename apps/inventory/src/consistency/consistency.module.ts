import { Module } from '@nestjs/common';
import { ConsistencyHandler } from './consistency.handler.js';

@Module({ controllers: [ConsistencyHandler] })
export class ConsistencyModule {}

import { Module } from '@nestjs/common';
import { OrderTypesSync } from './order-types.sync.js';

@Module({ providers: [OrderTypesSync] })
export class OrderTypesModule {}

import { Module } from '@nestjs/common';
import { CustomersHandler } from './customers.handler.js';
import { CustomersService } from './customers.service.js';

@Module({ controllers: [CustomersHandler], providers: [CustomersService] })
export class CustomersModule {}

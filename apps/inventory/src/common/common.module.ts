import { Global, Module } from '@nestjs/common';
import { AllocationViews } from './allocation-views.service.js';

/** What every inventory feature shares: turning reservation rows into allocations. */
@Global()
@Module({ providers: [AllocationViews], exports: [AllocationViews] })
export class InventoryCommonModule {}

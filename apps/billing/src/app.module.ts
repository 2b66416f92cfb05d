import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceDefinition } from '#platform';
import { BillingConfig } from './config.js';
import { ConsistencyModule } from './consistency/consistency.module.js';
import { InvoicesModule } from './invoices/invoices.module.js';
import { BillingInit1700000000400 } from './migrations/1700000000400-billing-init.js';
import { InvoiceSources1700000000410 } from './migrations/1700000000410-invoice-sources.js';
import { CreditNotes1700000000420 } from './migrations/1700000000420-credit-notes.js';
import { InvoiceVoids1700000000430 } from './migrations/1700000000430-invoice-voids.js';
import { KitLines1700000000440 } from './migrations/1700000000440-kit-lines.js';
import { InvoiceCharges1700000000450 } from './migrations/1700000000450-invoice-charges.js';
import { UnappliedCash1700000000460 } from './migrations/1700000000460-unapplied-cash.js';
import { PaymentTerms1700000000480 } from './migrations/1700000000480-payment-terms.js';
import { CreditApplications1700000000470 } from './migrations/1700000000470-credit-applications.js';
import { CustomerPayments1700000000490 } from './migrations/1700000000490-customer-payments.js';
import { ReversalsModule } from './reversals/reversals.module.js';
import { CreditNotesModule } from './credit-notes/credit-notes.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { ReceivablesModule } from './receivables/receivables.module.js';

@Module({})
export class AppModule {
  static register(config: BillingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          name: 'billing',
          config,
          migrations: [
            BillingInit1700000000400,
            InvoiceSources1700000000410,
            CreditNotes1700000000420,
            InvoiceVoids1700000000430,
            KitLines1700000000440,
            InvoiceCharges1700000000450,
            UnappliedCash1700000000460,
            CreditApplications1700000000470,
            PaymentTerms1700000000480,
            CustomerPayments1700000000490,
          ],
        }),
        OrdersModule,
        ReceivablesModule,
        InvoicesModule,
        PaymentsModule,
        CreditNotesModule,
        ReversalsModule,
        ConsistencyModule,
      ],
    };
  }
}

export const billingService: ServiceDefinition<BillingConfig> = {
  name: 'billing',
  config: BillingConfig,
  module: (config) => AppModule.register(config),
};

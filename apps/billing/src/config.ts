import { ServiceConfig } from '#platform';

export class BillingConfig extends ServiceConfig {
  override PORT = 3004;
}

import { ServiceConfig } from '#platform';

export class PricingConfig extends ServiceConfig {
  override PORT = 3005;
}

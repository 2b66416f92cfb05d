import { ServiceConfig } from '#platform';

export class InventoryConfig extends ServiceConfig {
  override PORT = 3002;
}

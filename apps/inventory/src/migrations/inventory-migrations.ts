import { InventoryInit1700000000100 } from './1700000000100-inventory-init.js';
import { InventorySourcing1700000000110 } from './1700000000110-inventory-sourcing.js';
import { UnconfirmedReservations1700000000120 } from './1700000000120-unconfirmed-reservations.js';

/** Every schema change of the inventory service, in order. */
export const inventoryMigrations = [
  InventoryInit1700000000100,
  InventorySourcing1700000000110,
  UnconfirmedReservations1700000000120,
];

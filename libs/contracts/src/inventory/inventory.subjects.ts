export const InventorySubjects = {
  createItem: 'inventory.item.create',
  getItem: 'inventory.item.get',
  listItems: 'inventory.item.list',
  createLocation: 'inventory.location.create',
  listLocations: 'inventory.location.list',
  receiveStock: 'inventory.stock.receive',
  listStock: 'inventory.stock.list',
  listLedger: 'inventory.ledger.list',
  reserve: 'inventory.stock.reserve',
  release: 'inventory.stock.release',
  stockReceived: 'events.inventory.stock.received',
} as const;

export const OrdersSubjects = {
  createCustomer: 'orders.customer.create',
  getCustomer: 'orders.customer.get',
  listCustomers: 'orders.customer.list',
  placeOrder: 'orders.order.place',
  getOrder: 'orders.order.get',
  listOrders: 'orders.order.list',
  orderPlaced: 'events.orders.order.placed',
} as const;

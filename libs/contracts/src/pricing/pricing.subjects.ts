export const PricingSubjects = {
  setPrice: 'pricing.price.set',
  listPrices: 'pricing.price.list',
  priceOrder: 'pricing.order.price',
} as const;

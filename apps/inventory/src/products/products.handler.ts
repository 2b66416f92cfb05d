import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateProductRequest,
  GetProductRequest,
  InventorySubjects,
  ListProductsRequest,
  type Page,
  type ProductView,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { ProductsService } from './products.service.js';

@Controller()
export class ProductsHandler {
  constructor(private readonly products: ProductsService) {}

  @Handles(InventorySubjects.createProduct)
  @AllowRoles('admin', 'warehouse')
  create(@Payload() request: CreateProductRequest): Promise<ProductView> {
    return this.products.create(request);
  }

  @Handles(InventorySubjects.getProduct)
  get(@Payload() request: GetProductRequest): Promise<ProductView> {
    return this.products.get(request.code);
  }

  @Handles(InventorySubjects.listProducts)
  list(@Payload() request: ListProductsRequest): Promise<Page<ProductView>> {
    return this.products.list(request);
  }
}

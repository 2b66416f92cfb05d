import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateProductRequest,
  GetProductRequest,
  InventorySubjects,
  ListProductsRequest,
  type Page,
  type ProductView,
} from '#contracts';
import { AllowRoles } from '#platform';
import { ProductsService } from './products.service.js';

@Controller()
export class ProductsHandler {
  constructor(private readonly products: ProductsService) {}

  @MessagePattern(InventorySubjects.createProduct)
  @AllowRoles('admin', 'warehouse')
  create(@Payload() request: CreateProductRequest): Promise<ProductView> {
    return this.products.create(request);
  }

  @MessagePattern(InventorySubjects.getProduct)
  get(@Payload() request: GetProductRequest): Promise<ProductView> {
    return this.products.get(request.code);
  }

  @MessagePattern(InventorySubjects.listProducts)
  list(@Payload() request: ListProductsRequest): Promise<Page<ProductView>> {
    return this.products.list(request);
  }
}

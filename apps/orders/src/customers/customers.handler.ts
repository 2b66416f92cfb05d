import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateCustomerRequest,
  type CustomerView,
  IdRequest,
  ListCustomersRequest,
  OrdersSubjects,
  type Page,
} from '#contracts';
import { AllowRoles, currentContext, Handles } from '#platform';
import { CustomersService } from './customers.service.js';

@Controller()
export class CustomersHandler {
  constructor(private readonly customers: CustomersService) {}

  @Handles(OrdersSubjects.createCustomer)
  @AllowRoles('admin', 'sales')
  create(@Payload() request: CreateCustomerRequest): Promise<CustomerView> {
    return this.customers.create(request);
  }

  @Handles(OrdersSubjects.getCustomer)
  get(@Payload() request: IdRequest): Promise<CustomerView> {
    return this.customers.get(request.id, currentContext()?.caller);
  }

  @Handles(OrdersSubjects.listCustomers)
  @AllowRoles('admin', 'sales', 'finance')
  list(@Payload() request: ListCustomersRequest): Promise<Page<CustomerView>> {
    return this.customers.list(request.limit, request.offset);
  }
}

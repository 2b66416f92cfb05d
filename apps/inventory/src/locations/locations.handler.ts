import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateLocationRequest, InventorySubjects, type LocationView } from '#contracts';
import { AllowRoles } from '#platform';
import { LocationsService } from './locations.service.js';

@Controller()
export class LocationsHandler {
  constructor(private readonly locations: LocationsService) {}

  @MessagePattern(InventorySubjects.createLocation)
  @AllowRoles('admin', 'warehouse')
  create(@Payload() request: CreateLocationRequest): Promise<LocationView> {
    return this.locations.create(request);
  }

  @MessagePattern(InventorySubjects.listLocations)
  list(): Promise<LocationView[]> {
    return this.locations.list();
  }
}

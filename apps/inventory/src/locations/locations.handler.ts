import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateLocationRequest, InventorySubjects, type LocationView } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { LocationsService } from './locations.service.js';

@Controller()
export class LocationsHandler {
  constructor(private readonly locations: LocationsService) {}

  @Handles(InventorySubjects.createLocation)
  @AllowRoles('admin', 'warehouse')
  create(@Payload() request: CreateLocationRequest): Promise<LocationView> {
    return this.locations.create(request);
  }

  @Handles(InventorySubjects.listLocations)
  list(): Promise<LocationView[]> {
    return this.locations.list();
  }
}

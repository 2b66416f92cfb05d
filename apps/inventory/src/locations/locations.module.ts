import { Module } from '@nestjs/common';
import { LocationsHandler } from './locations.handler.js';
import { LocationsService } from './locations.service.js';

@Module({
  controllers: [LocationsHandler],
  providers: [LocationsService],
})
export class LocationsModule {}

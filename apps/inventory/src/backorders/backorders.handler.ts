import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  type BackorderReleaseReport,
  type BackorderView,
  EligibleForReleaseRequest,
  InventorySubjects,
  ListBackordersRequest,
  type Page,
  ReleaseBackordersRequest,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { BackorderQueryService } from './backorder-query.service.js';
import { BackorderReleaseService } from './backorder-release.service.js';

@Controller()
export class BackordersHandler {
  constructor(
    private readonly query: BackorderQueryService,
    private readonly release: BackorderReleaseService,
  ) {}

  @Handles(InventorySubjects.listBackorders)
  list(@Payload() request: ListBackordersRequest): Promise<Page<BackorderView>> {
    return this.query.list(request);
  }

  @Handles(InventorySubjects.eligibleForRelease)
  eligible(@Payload() request: EligibleForReleaseRequest): Promise<BackorderReleaseReport> {
    return this.release.run(request, false);
  }

  @Handles(InventorySubjects.releaseBackorders)
  @AllowRoles('admin', 'warehouse')
  run(@Payload() request: ReleaseBackordersRequest): Promise<BackorderReleaseReport> {
    return this.release.run(request, true);
  }
}

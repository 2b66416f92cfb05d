import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SystemConsistencyReport, SystemConsistencyRequest } from '#contracts';
import { ApiStandardErrors } from '../openapi/api-docs.js';
import { ConsistencyCheckService } from './consistency-check.service.js';

@ApiTags('Administration')
@ApiStandardErrors()
@Controller('admin')
export class ConsistencyController {
  constructor(private readonly check: ConsistencyCheckService) {}

  @Get('consistency')
  @ApiOperation({
    summary:
      'Prove that the services agree: reservations, pick demand, shipments, invoices, open items and the invoice stream (`npm run check` runs the same check)',
  })
  @ApiOkResponse({
    type: SystemConsistencyReport,
    description: 'Every rule with what it checked and each disagreement',
  })
  consistency(@Query() query: SystemConsistencyRequest) {
    return this.check.run(query);
  }
}

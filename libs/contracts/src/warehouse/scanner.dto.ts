import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { NestedList, Text, TextLimits } from '../common/bounds.js';
import { ContainerRequest, LineQuantity, MAX_CONTAINERS, MAX_TICKET_LINES } from './warehouse.dto.js';

/**
 * Bodies of the warehouse scanner HTTP API (`/scanner/...`). The pick ticket or shipment
 * comes from the path, so these are the NATS requests without their id field.
 */
export class ScannerPickBody {
  @ApiPropertyOptional({ description: 'Quantities picked; every line in full when absent' })
  @IsOptional()
  @NestedList(() => LineQuantity, { min: 1, max: MAX_TICKET_LINES })
  lines?: LineQuantity[];
}

export class ScannerPackBody {
  @ApiPropertyOptional({ description: 'One container with everything picked when absent' })
  @IsOptional()
  @NestedList(() => ContainerRequest, { min: 1, max: MAX_CONTAINERS })
  containers?: ContainerRequest[];
}

export class ScannerShipBody {
  @ApiProperty({ example: 'DHL' })
  @Text(TextLimits.carrier, { min: 1 })
  carrier: string;

  @ApiProperty({ example: '1Z999AA10123456784' })
  @Text(TextLimits.trackingNumber, { min: 1 })
  trackingNumber: string;
}

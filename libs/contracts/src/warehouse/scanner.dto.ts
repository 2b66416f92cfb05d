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

/** The longest code a scanner may look up (a bar code's payload). */
export const MAX_LOOKUP_CODE = 128;

export class ScannerLookupQuery {
  @ApiProperty({
    description: 'A scanned bar code: pick ticket number, shipment number, container code or SKU',
    example: 'PT-000001',
  })
  @Text(
    MAX_LOOKUP_CODE,
    { min: 1 },
    { message: `code must be 1-${MAX_LOOKUP_CODE} characters: a pick ticket, shipment or container code, or a SKU` },
  )
  code: string;
}

export const LookupMatchTypes = ['PICK_TICKET', 'SHIPMENT', 'CONTAINER', 'ITEM'] as const;
export type LookupMatchType = (typeof LookupMatchTypes)[number];

export class LookupMatch {
  @ApiProperty({ enum: LookupMatchTypes }) type: LookupMatchType;
  @ApiProperty({ description: 'The pick ticket, shipment, container or item id' }) id: string;
  @ApiProperty({ example: 'Pick ticket PT-000001 · SO-000001 at WH1 · OPEN · 2 lines' }) summary: string;
  @ApiPropertyOptional({ description: 'For a container: the shipment it belongs to' }) shipmentId?: string;
}

export class ScannerLookupReply {
  @ApiProperty() code: string;
  @ApiProperty({
    type: [LookupMatch],
    description: 'What the code is, best first (a container code may be on several shipments)',
  })
  matches: LookupMatch[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Whether a source is one of our warehouses or an outside supplier (a distributor that ships for us). */
export const SourceKinds = ['WAREHOUSE', 'SUPPLIER'] as const;
export type SourceKind = (typeof SourceKinds)[number];

/**
 * Where (part of) an order line is filled from. Only allocations whose `sourceKind` is
 * WAREHOUSE (or absent, from before sources existed) are pick demand for our warehouse; a
 * SUPPLIER allocation is shipped by the supplier.
 */
export class Allocation {
  @ApiProperty({ example: 'WH1' }) locationCode: string;
  @ApiProperty({ example: 2 }) quantity: number;
  @ApiPropertyOptional({ example: 'WAREHOUSE', description: 'Source that holds the location' }) sourceCode?: string;
  @ApiPropertyOptional({ enum: SourceKinds }) sourceKind?: SourceKind;
  @ApiPropertyOptional({ example: 'C456', description: "The source's own SKU for the item, when mapped" })
  sourceSku?: string;
}

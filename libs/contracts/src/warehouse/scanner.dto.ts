import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ContainerRequest, LineQuantity } from './warehouse.dto.js';

/**
 * Bodies of the warehouse scanner HTTP API (`/scanner/...`). The pick ticket or shipment
 * comes from the path, so these are the NATS requests without their id field.
 */
export class ScannerPickBody {
  @ApiPropertyOptional({ type: [LineQuantity], description: 'Quantities picked; every line in full when absent' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => LineQuantity)
  lines?: LineQuantity[];
}

export class ScannerPackBody {
  @ApiPropertyOptional({ type: [ContainerRequest], description: 'One container with everything picked when absent' })
  @IsOptional()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ContainerRequest)
  containers?: ContainerRequest[];
}

export class ScannerShipBody {
  @ApiProperty({ example: 'DHL' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  carrier: string;

  @ApiProperty({ example: '1Z999AA10123456784' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  trackingNumber: string;
}

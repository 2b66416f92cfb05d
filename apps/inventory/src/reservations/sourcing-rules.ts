import type { ReserveLine, ReserveStockRequest } from '#contracts';

/** Where one line may be filled from, as codes (before they are looked up). */
export interface LineSourcing {
  locationCode?: string;
  sourceCode?: string;
  split: boolean;
}

/**
 * The sourcing rules of one line. A line that names a location or a source decides for
 * itself; otherwise the order header's ship-from location and source apply to it. Neither:
 * any location, our warehouses first (by source, then location priority), then suppliers.
 * Splitting one line across locations is allowed unless the order forbids it.
 */
export function lineSourcing(
  request: Pick<ReserveStockRequest, 'shipFromLocation' | 'sourceCode' | 'allowSplit'>,
  line: ReserveLine,
): LineSourcing {
  const own = line.locationCode !== undefined || line.sourceCode !== undefined;
  const sourcing: LineSourcing = { split: request.allowSplit ?? true };
  const locationCode = own ? line.locationCode : request.shipFromLocation;
  const sourceCode = own ? line.sourceCode : request.sourceCode;
  if (locationCode) sourcing.locationCode = locationCode;
  if (sourceCode) sourcing.sourceCode = sourceCode;
  return sourcing;
}

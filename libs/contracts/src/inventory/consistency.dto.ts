import type { SourceKind } from './allocation.dto.js';

/** Units reserved for an order line at one location. */
export interface ReservationFact {
  locationCode: string;
  /** Whose location it is: our warehouse picks it, a supplier ships its own. */
  sourceKind: SourceKind;
  quantity: number;
}

/** What inventory holds for one order line, for the system-wide consistency check (`inventory.consistency.facts`). */
export interface ReservedLineFact {
  lineId: string;
  orderId: string;
  /** The item's stock is counted; a line of an item whose stock is not counted reserves nothing. */
  counted: boolean;
  reservations: ReservationFact[];
}

import type { DeadLetterCommands } from '../common/dead-letters.js';
import type { FactsPage, FactsPageRequest } from '../common/consistency.js';
import type { Page } from '../common/paging.js';
import type { EmptyRequest } from '../common/messages.js';
import type {
  BackorderReleaseReport,
  BackorderReleasedEvent,
  BackorderView,
  EligibleForReleaseRequest,
  ListBackordersRequest,
  ReleaseBackordersRequest,
  ReservationMovedEvent,
} from './backorders.dto.js';
import type { ReservedLineFact } from './consistency.dto.js';
import type {
  CreateItemRequest,
  CreateProductRequest,
  GetItemRequest,
  GetProductRequest,
  ItemCreatedEvent,
  ItemView,
  ListItemsRequest,
  ListProductsRequest,
  LookupItemsReply,
  LookupItemsRequest,
  ProductView,
} from './inventory.dto.js';
import type {
  MoveReservationReply,
  MoveReservationRequest,
  ReleaseStockReply,
  ReleaseStockRequest,
  ReserveStockReply,
  ReserveStockRequest,
  ReverseOrderStockReply,
  ReverseOrderStockRequest,
} from './reservations.dto.js';
import type {
  CreateLocationRequest,
  CreateSourceItemRequest,
  CreateSourceRequest,
  ListSourceItemsRequest,
  LocationView,
  SourceItemView,
  SourceView,
  SupplierFeedReply,
  SupplierFeedRequest,
} from './sources.dto.js';
import type {
  AdjustStockRequest,
  AvailabilityRequest,
  AvailabilityView,
  ConsistencyCheckRequest,
  ConsistencyReport,
  LedgerEntryView,
  ListLedgerRequest,
  ListStockRequest,
  ReceiveStockRequest,
  RestockReturnRequest,
  StockChangeView,
  StockLevelView,
  TransferStockRequest,
  TransferView,
  WriteOffStockRequest,
} from './stock.dto.js';
import { InventorySubjects } from './inventory.subjects.js';

/** What each inventory command or query takes and answers (`ServiceClient.request` reads it). */
export interface InventoryCommands extends DeadLetterCommands<'inventory'> {
  [InventorySubjects.createProduct]: { request: CreateProductRequest; reply: ProductView };
  [InventorySubjects.getProduct]: { request: GetProductRequest; reply: ProductView };
  [InventorySubjects.listProducts]: { request: ListProductsRequest; reply: Page<ProductView> };
  [InventorySubjects.createItem]: { request: CreateItemRequest; reply: ItemView };
  [InventorySubjects.getItem]: { request: GetItemRequest; reply: ItemView };
  [InventorySubjects.listItems]: { request: ListItemsRequest; reply: Page<ItemView> };
  [InventorySubjects.lookupItems]: { request: LookupItemsRequest; reply: LookupItemsReply };
  [InventorySubjects.createSource]: { request: CreateSourceRequest; reply: SourceView };
  [InventorySubjects.listSources]: { request: EmptyRequest; reply: SourceView[] };
  [InventorySubjects.createSourceItem]: { request: CreateSourceItemRequest; reply: SourceItemView };
  [InventorySubjects.listSourceItems]: { request: ListSourceItemsRequest; reply: Page<SourceItemView> };
  [InventorySubjects.applySupplierFeed]: { request: SupplierFeedRequest; reply: SupplierFeedReply };
  [InventorySubjects.createLocation]: { request: CreateLocationRequest; reply: LocationView };
  [InventorySubjects.listLocations]: { request: EmptyRequest; reply: LocationView[] };
  [InventorySubjects.receiveStock]: { request: ReceiveStockRequest; reply: StockChangeView };
  [InventorySubjects.adjustStock]: { request: AdjustStockRequest; reply: StockChangeView };
  [InventorySubjects.transferStock]: { request: TransferStockRequest; reply: TransferView };
  [InventorySubjects.restockReturn]: { request: RestockReturnRequest; reply: StockChangeView };
  [InventorySubjects.writeOffStock]: { request: WriteOffStockRequest; reply: StockChangeView };
  [InventorySubjects.listStock]: { request: ListStockRequest; reply: Page<StockLevelView> };
  [InventorySubjects.availability]: { request: AvailabilityRequest; reply: AvailabilityView };
  [InventorySubjects.checkConsistency]: { request: ConsistencyCheckRequest; reply: ConsistencyReport };
  [InventorySubjects.listLedger]: { request: ListLedgerRequest; reply: Page<LedgerEntryView> };
  [InventorySubjects.reserve]: { request: ReserveStockRequest; reply: ReserveStockReply };
  [InventorySubjects.release]: { request: ReleaseStockRequest; reply: ReleaseStockReply };
  [InventorySubjects.resize]: { request: ReserveStockRequest; reply: ReserveStockReply };
  [InventorySubjects.moveReservation]: { request: MoveReservationRequest; reply: MoveReservationReply };
  [InventorySubjects.reverseOrder]: { request: ReverseOrderStockRequest; reply: ReverseOrderStockReply };
  [InventorySubjects.listBackorders]: { request: ListBackordersRequest; reply: Page<BackorderView> };
  [InventorySubjects.eligibleForRelease]: { request: EligibleForReleaseRequest; reply: BackorderReleaseReport };
  [InventorySubjects.releaseBackorders]: { request: ReleaseBackordersRequest; reply: BackorderReleaseReport };
  [InventorySubjects.reservationFacts]: { request: FactsPageRequest; reply: FactsPage<ReservedLineFact> };
}

/** The payload of each inventory event (`OutboxService.add` and `EventConsumers.on` read it). */
export interface InventoryEvents {
  [InventorySubjects.itemCreated]: ItemCreatedEvent;
  [InventorySubjects.backorderReleased]: BackorderReleasedEvent;
  [InventorySubjects.reservationMoved]: ReservationMovedEvent;
}

/**
 * The schema version each inventory event is written with (the envelope's `v`). Raise one when
 * its payload changes in a way a consumer must know about, and list the new version in the
 * consumers that read it: a consumer dead-letters a version it does not read.
 */
export const InventoryEventVersions = {
  [InventorySubjects.itemCreated]: 1,
  [InventorySubjects.backorderReleased]: 1,
  [InventorySubjects.reservationMoved]: 1,
} as const satisfies Record<keyof InventoryEvents, number>;

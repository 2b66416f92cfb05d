import type { DeadLetterCommands } from '../common/dead-letters.js';
import type { FactsPage, FactsPageRequest } from '../common/consistency.js';
import type { Page } from '../common/paging.js';
import type {
  AddBatchDraftRequest,
  BatchDetailView,
  BatchDraftRef,
  BatchDraftView,
  BatchIdRequest,
  BatchView,
  CreateBatchRequest,
  ImportBatchCsvRequest,
  ImportBatchReply,
  ListBatchesRequest,
  PostBatchReply,
  ReplaceBatchDraftRequest,
} from './batches.dto.js';
import type { OrderLineFact } from './consistency.dto.js';
import type {
  AddLineRequest,
  ChangeLineQuantityRequest,
  CreateCustomerRequest,
  CustomerView,
  IdRequest,
  LineActionReply,
  LineActionRequest,
  LineEditReply,
  LinesChangedEvent,
  ListCustomersRequest,
  ListOrdersRequest,
  OrderBackorderedEvent,
  OrderPlacedEvent,
  OrderReopenedEvent,
  OrderView,
  PlaceOrderRequest,
  PreShipRequest,
  ProcessRecurringReply,
  ProcessRecurringRequest,
  QuoteComparisonView,
  ReopenOrderRequest,
} from './orders.dto.js';
import type {
  CreateCreditMemoRequest,
  CreateReturnRequest,
  ReceiveReturnRequest,
  ReturnReceivedEvent,
  UpdateHandlingChargeRequest,
  UpdateReturnLineRequest,
} from './returns.dto.js';
import type { KnownOrdersReply, KnownOrdersRequest } from './known-orders.dto.js';
import type { OrderLinesShippedEvent } from './lines-shipped.event.js';
import { OrdersSubjects } from './orders.subjects.js';

/** What each orders command or query takes and answers (`ServiceClient.request` reads it). */
export interface OrdersCommands extends DeadLetterCommands<'orders'> {
  [OrdersSubjects.createCustomer]: { request: CreateCustomerRequest; reply: CustomerView };
  [OrdersSubjects.getCustomer]: { request: IdRequest; reply: CustomerView };
  [OrdersSubjects.listCustomers]: { request: ListCustomersRequest; reply: Page<CustomerView> };
  [OrdersSubjects.placeOrder]: { request: PlaceOrderRequest; reply: OrderView };
  [OrdersSubjects.getOrder]: { request: IdRequest; reply: OrderView };
  [OrdersSubjects.listOrders]: { request: ListOrdersRequest; reply: Page<OrderView> };
  [OrdersSubjects.knownOrders]: { request: KnownOrdersRequest; reply: KnownOrdersReply };
  [OrdersSubjects.convertQuote]: { request: IdRequest; reply: OrderView };
  [OrdersSubjects.quoteComparison]: { request: IdRequest; reply: QuoteComparisonView };
  [OrdersSubjects.processRecurring]: { request: ProcessRecurringRequest; reply: ProcessRecurringReply };
  [OrdersSubjects.holdLine]: { request: LineActionRequest; reply: LineActionReply };
  [OrdersSubjects.activateLine]: { request: LineActionRequest; reply: LineActionReply };
  [OrdersSubjects.preShipLine]: { request: PreShipRequest; reply: LineActionReply };
  [OrdersSubjects.cancelLine]: { request: LineActionRequest; reply: LineActionReply };
  [OrdersSubjects.terminateLine]: { request: LineActionRequest; reply: LineActionReply };
  [OrdersSubjects.changeLineQuantity]: { request: ChangeLineQuantityRequest; reply: LineEditReply };
  [OrdersSubjects.addLine]: { request: AddLineRequest; reply: LineEditReply };
  [OrdersSubjects.removeLine]: { request: LineActionRequest; reply: LineEditReply };
  [OrdersSubjects.cancelOrder]: { request: IdRequest; reply: OrderView };
  [OrdersSubjects.reopenOrder]: { request: ReopenOrderRequest; reply: OrderView };
  [OrdersSubjects.listReversals]: { request: IdRequest; reply: unknown[] };
  [OrdersSubjects.createBatch]: { request: CreateBatchRequest; reply: BatchView };
  [OrdersSubjects.listBatches]: { request: ListBatchesRequest; reply: Page<BatchView> };
  [OrdersSubjects.getBatch]: { request: BatchIdRequest; reply: BatchDetailView };
  [OrdersSubjects.addBatchDraft]: { request: AddBatchDraftRequest; reply: BatchDraftView };
  [OrdersSubjects.replaceBatchDraft]: { request: ReplaceBatchDraftRequest; reply: BatchDraftView };
  [OrdersSubjects.removeBatchDraft]: { request: BatchDraftRef; reply: BatchView };
  [OrdersSubjects.importBatchCsv]: { request: ImportBatchCsvRequest; reply: ImportBatchReply };
  [OrdersSubjects.postBatch]: { request: BatchIdRequest; reply: PostBatchReply };
  [OrdersSubjects.cancelBatch]: { request: BatchIdRequest; reply: BatchView };
  [OrdersSubjects.createReturn]: { request: CreateReturnRequest; reply: OrderView };
  [OrdersSubjects.updateReturnLine]: { request: UpdateReturnLineRequest; reply: OrderView };
  [OrdersSubjects.updateHandlingCharge]: { request: UpdateHandlingChargeRequest; reply: OrderView };
  [OrdersSubjects.receiveReturn]: { request: ReceiveReturnRequest; reply: OrderView };
  [OrdersSubjects.createCreditMemo]: { request: CreateCreditMemoRequest; reply: OrderView };
  [OrdersSubjects.lineFacts]: { request: FactsPageRequest; reply: FactsPage<OrderLineFact> };
}

/** The payload of each orders event (`OutboxService.add` and `EventConsumers.on` read it). */
export interface OrdersEvents {
  [OrdersSubjects.orderPlaced]: OrderPlacedEvent;
  [OrdersSubjects.returnReceived]: ReturnReceivedEvent;
  [OrdersSubjects.creditIssued]: ReturnReceivedEvent;
  [OrdersSubjects.linesChanged]: LinesChangedEvent;
  [OrdersSubjects.linesShipped]: OrderLinesShippedEvent;
  [OrdersSubjects.orderBackordered]: OrderBackorderedEvent;
  [OrdersSubjects.orderReopened]: OrderReopenedEvent;
}

/**
 * The schema version each orders event is written with (the envelope's `v`). Raise one when
 * its payload changes in a way a consumer must know about, and list the new version in the
 * consumers that read it: a consumer dead-letters a version it does not read.
 */
export const OrdersEventVersions = {
  [OrdersSubjects.orderPlaced]: 1,
  [OrdersSubjects.returnReceived]: 1,
  [OrdersSubjects.creditIssued]: 1,
  [OrdersSubjects.linesChanged]: 1,
  [OrdersSubjects.linesShipped]: 1,
  [OrdersSubjects.orderBackordered]: 1,
  [OrdersSubjects.orderReopened]: 1,
} as const satisfies Record<keyof OrdersEvents, number>;

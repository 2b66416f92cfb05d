import {
  BillingSubjects,
  DEAD_LETTER_SERVICES,
  deadLetterSubjects,
  type EventStreams,
  GatewaySubjects,
  InventorySubjects,
  OrdersSubjects,
  PricingSubjects,
  WarehouseSubjects,
} from '#contracts';

/**
 * Who connects to NATS, and what each one's work needs. This is the one table the NATS
 * permissions come from (`natsPermissions`), and through them every nats-server configuration:
 * `npm start`'s local server, each test file's private server and deploy/nats/nats.conf.
 *
 * What a service answers (its request subjects) and what it publishes (its stream) is derived from
 * contracts by its name; what it calls and which events it consumes is declared here, and
 * nats-identities.spec.ts fails when the code calls or consumes a subject its entry does not list.
 */
export interface NatsIdentity {
  /** The service whose request subjects (`<name>.…`), presence subject and event stream this identity owns. */
  service?: ServiceName;
  /** Request-reply subjects it sends requests to (and so the presence subjects of their services). */
  calls: readonly string[];
  /**
   * Events it consumes with a durable consumer of its own: the subject, and the `name` given to
   * `EventConsumers.on` when not the subject (or, for a client outside the platform, the exact
   * `durable` name).
   */
  consumes: ReadonlyArray<{ subject: string; name?: string; durable?: string }>;
  /** Streams it reads whole with throw-away ordered consumers (a check that reads `invoice posted`). */
  reads: readonly StreamKey[];
  /**
   * It learns who a person is (from an API key) and may sign caller contexts for people
   * (caller-context.ts); every other identity may sign only itself, as role `service`.
   */
  speaksForPeople?: boolean;
}

export type ServiceName = 'gateway' | 'orders' | 'inventory' | 'warehouse' | 'billing' | 'pricing';
export type StreamKey = keyof typeof EventStreams;

/** Every subject of `subjects` that the identity's code names by key (so a renamed key does not compile). */
function pick<T extends Record<string, string>>(subjects: T, keys: ReadonlyArray<keyof T>): string[] {
  return keys.map((key) => subjects[key]);
}

/** The consistency facts every service pages out (see `FactSubjects` in the gateway). */
const FACT_SUBJECTS = [
  OrdersSubjects.lineFacts,
  InventorySubjects.reservationFacts,
  WarehouseSubjects.demandFacts,
  WarehouseSubjects.ticketLineFacts,
  BillingSubjects.invoiceFacts,
  BillingSubjects.invoiceLineFacts,
];

export const NATS_IDENTITIES = {
  gateway: {
    service: 'gateway',
    speaksForPeople: true,
    // The REST API: every route is one of these requests.
    calls: [
      ...pick(BillingSubjects, [
        'aging',
        'allocatePayment',
        'getInvoice',
        'listCreditNotes',
        'listInvoices',
        'receivePayment',
        'recordPayment',
        'refundPayment',
        'unappliedCash',
      ]),
      ...pick(InventorySubjects, [
        'adjustStock',
        'applySupplierFeed',
        'availability',
        'checkConsistency',
        'createItem',
        'createLocation',
        'createProduct',
        'createSource',
        'createSourceItem',
        'eligibleForRelease',
        'getItem',
        'getProduct',
        'listBackorders',
        'listItems',
        'listLedger',
        'listLocations',
        'listProducts',
        'listSourceItems',
        'listSources',
        'listStock',
        'receiveStock',
        'releaseBackorders',
        'restockReturn',
        'transferStock',
        'writeOffStock',
      ]),
      ...pick(OrdersSubjects, [
        'activateLine',
        'addBatchDraft',
        'addLine',
        'cancelBatch',
        'cancelLine',
        'cancelOrder',
        'changeLineQuantity',
        'convertQuote',
        'createBatch',
        'createCreditMemo',
        'createCustomer',
        'createReturn',
        'getBatch',
        'getCustomer',
        'getOrder',
        'holdLine',
        'importBatchCsv',
        'listBatches',
        'listCustomers',
        'listOrders',
        'listReversals',
        'placeOrder',
        'postBatch',
        'preShipLine',
        'processRecurring',
        'quoteComparison',
        'receiveReturn',
        'removeBatchDraft',
        'removeLine',
        'reopenOrder',
        'replaceBatchDraft',
        'terminateLine',
        'updateHandlingCharge',
        'updateReturnLine',
      ]),
      ...pick(PricingSubjects, [
        'createRule',
        'endRule',
        'exportRules',
        'getRule',
        'importRules',
        'listChargeCodes',
        'listCustomers',
        'listFreightRules',
        'listItems',
        'listPrices',
        'listRules',
        'listTaxRates',
        'priceOrder',
        'setChargeCode',
        'setFreightRule',
        'setPrice',
        'setTaxRate',
        'updateRule',
        'upsertCustomers',
        'upsertItems',
      ]),
      ...pick(WarehouseSubjects, [
        'confirmPicks',
        'generatePickTickets',
        'getPickTicket',
        'getShipment',
        'listPickTickets',
        'pack',
        'ship',
      ]),
      // GET /admin/consistency
      ...FACT_SUBJECTS,
      // /admin/dead-letters
      ...DEAD_LETTER_SERVICES.flatMap((service) => Object.values(deadLetterSubjects(service))),
    ],
    consumes: [],
    reads: ['billing'],
  },
  orders: {
    service: 'orders',
    calls: [
      ...pick(InventorySubjects, ['lookupItems', 'reserve', 'release', 'resize', 'reverseOrder']),
      PricingSubjects.priceOrder,
      BillingSubjects.reverseOrder,
    ],
    consumes: [
      { subject: WarehouseSubjects.pickTicketPrinted },
      { subject: WarehouseSubjects.shipmentShipped },
      { subject: WarehouseSubjects.pickTicketVoided },
      { subject: BillingSubjects.invoicePosted },
      { subject: BillingSubjects.creditNotePosted },
      { subject: BillingSubjects.paymentRecorded },
      { subject: InventorySubjects.backorderReleased },
    ],
    reads: [],
  },
  inventory: {
    service: 'inventory',
    calls: [OrdersSubjects.knownOrders],
    consumes: [
      { subject: WarehouseSubjects.shipmentShipped },
      { subject: OrdersSubjects.orderBackordered },
      { subject: OrdersSubjects.linesChanged },
      { subject: OrdersSubjects.orderPlaced },
      { subject: OrdersSubjects.returnReceived },
    ],
    reads: [],
  },
  warehouse: {
    service: 'warehouse',
    // The scanner API: a scanner's key is a person.
    speaksForPeople: true,
    // The scanner API has keys checked by the gateway, and asks inventory what a scanned SKU is.
    calls: [GatewaySubjects.verifyApiKey, InventorySubjects.getItem],
    consumes: [
      { subject: OrdersSubjects.orderPlaced },
      { subject: OrdersSubjects.linesChanged },
      { subject: OrdersSubjects.orderBackordered },
      { subject: OrdersSubjects.orderReopened },
      { subject: InventorySubjects.backorderReleased },
    ],
    reads: [],
  },
  billing: {
    service: 'billing',
    calls: [],
    consumes: [
      { subject: OrdersSubjects.returnReceived },
      { subject: OrdersSubjects.creditIssued },
      { subject: OrdersSubjects.orderPlaced },
      { subject: OrdersSubjects.orderPlaced, name: 'counter-payments' },
      { subject: OrdersSubjects.linesShipped },
      { subject: OrdersSubjects.linesChanged },
    ],
    reads: [],
  },
  pricing: { service: 'pricing', calls: [], consumes: [], reads: [] },
  /** `npm run check`: pages every service's facts and reads the `invoice posted` events. */
  ops: { calls: FACT_SUBJECTS, consumes: [], reads: ['billing'] },
  /**
   * A finance system (tools/invoice-subscriber.mjs): its own durable consumers of `invoice posted`
   * and nothing else; it cannot create, change or purge the stream. The durable names are listed
   * because a right to pull from any name would let it take (and ack away) another consumer's
   * events: a finance system with a name of its own (`--durable NAME`) adds a line here.
   */
  finance: {
    calls: [],
    consumes: [
      { subject: BillingSubjects.invoicePosted, durable: 'finance-example' },
      { subject: BillingSubjects.invoicePosted, durable: 'erp' },
    ],
    reads: [],
  },
} as const satisfies Record<string, NatsIdentity>;

export type NatsIdentityName = keyof typeof NATS_IDENTITIES;
export const NATS_IDENTITY_NAMES = Object.keys(NATS_IDENTITIES) as NatsIdentityName[];

/** The durable consumer name the platform gives `service`'s consumer of `subject` (`EventConsumers.on`). */
export function durableConsumerName(service: string, subjectOrName: string): string {
  return `${service}-${subjectOrName.replace(/[.>*]/g, '_')}`;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type GetItemRequest,
  InventorySubjects,
  type LookupMatch,
  type PickTicketStatus,
  type ScannerLookupReply,
  type ShipmentStatus,
} from '#contracts';
import { DomainError, rows, ServiceClient } from '#platform';

/** The most containers one code lists (default container codes such as BOX-1 repeat across shipments). */
const MAX_CONTAINER_MATCHES = 20;
/** Answers of inventory that mean "no item with this SKU", not "inventory could not answer". */
const NOT_AN_ITEM = new Set(['ITEM_NOT_FOUND', 'NOT_FOUND', 'VALIDATION_FAILED']);

interface TicketMatchRow {
  id: string;
  number: string;
  order_number: string;
  location_code: string;
  status: PickTicketStatus;
  lines: number;
}

interface ShipmentMatchRow {
  id: string;
  number: string;
  order_number: string;
  status: ShipmentStatus;
  containers: number;
}

interface ContainerMatchRow {
  id: string;
  code: string;
  shipment_id: string;
  shipment_number: string;
  order_number: string;
  status: ShipmentStatus;
}

/**
 * Says what a scanned code is: a pick ticket number, a shipment number, a container code
 * (ours), or a SKU (asked of inventory, which owns items). Ours come first; when inventory
 * cannot answer, what we found is still the answer, and with nothing found the scanner hears
 * inventory's outage rather than a wrong "no match".
 */
@Injectable()
export class ScannerLookupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly services: ServiceClient,
  ) {}

  async lookup(code: string): Promise<ScannerLookupReply> {
    const ours = [...(await this.tickets(code)), ...(await this.shipments(code)), ...(await this.containers(code))];
    let item: LookupMatch | undefined;
    try {
      item = await this.item(code);
    } catch (error) {
      if (ours.length === 0) throw error;
    }
    const matches = item ? [...ours, item] : ours;
    if (matches.length === 0) {
      throw new DomainError('NOT_FOUND', `Nothing is known by ${code}: no pick ticket, shipment, container or SKU`, {
        code,
      });
    }
    return { code, matches };
  }

  private async tickets(code: string): Promise<LookupMatch[]> {
    const found = await rows<TicketMatchRow>(
      this.dataSource,
      `SELECT t.id, t.number, t.order_number, t.location_code, t.status,
              (SELECT count(*)::int FROM warehouse.pick_ticket_lines l WHERE l.pick_ticket_id = t.id AND l.closed IS NULL) AS lines
         FROM warehouse.pick_tickets t WHERE t.number = upper($1)`,
      [code],
    );
    return found.map((t) => ({
      type: 'PICK_TICKET',
      id: t.id,
      summary: `Pick ticket ${t.number} · ${t.order_number} at ${t.location_code} · ${t.status} · ${t.lines} line${t.lines === 1 ? '' : 's'}`,
    }));
  }

  private async shipments(code: string): Promise<LookupMatch[]> {
    const found = await rows<ShipmentMatchRow>(
      this.dataSource,
      `SELECT s.id, s.number, s.order_number, s.status,
              (SELECT count(*)::int FROM warehouse.containers c WHERE c.shipment_id = s.id) AS containers
         FROM warehouse.shipments s WHERE s.number = upper($1)`,
      [code],
    );
    return found.map((s) => ({
      type: 'SHIPMENT',
      id: s.id,
      summary: `Shipment ${s.number} · ${s.order_number} · ${s.status} · ${s.containers} container${s.containers === 1 ? '' : 's'}`,
    }));
  }

  /** Newest first: the box a packer just labelled is the one most likely scanned. */
  private async containers(code: string): Promise<LookupMatch[]> {
    const found = await rows<ContainerMatchRow>(
      this.dataSource,
      `SELECT c.id, c.code, s.id AS shipment_id, s.number AS shipment_number, s.order_number, s.status
         FROM warehouse.containers c JOIN warehouse.shipments s ON s.id = c.shipment_id
        WHERE c.code = $1 ORDER BY s.created_at DESC, s.number DESC LIMIT $2`,
      [code, MAX_CONTAINER_MATCHES],
    );
    return found.map((c) => ({
      type: 'CONTAINER',
      id: c.id,
      shipmentId: c.shipment_id,
      summary: `Container ${c.code} of shipment ${c.shipment_number} · ${c.order_number} · ${c.status}`,
    }));
  }

  private async item(code: string): Promise<LookupMatch | undefined> {
    const request: GetItemRequest = { sku: code };
    try {
      const item = await this.services.request(InventorySubjects.getItem, request);
      return { type: 'ITEM', id: item.id, summary: `Item ${item.sku} · ${item.name}` };
    } catch (error) {
      if (error instanceof DomainError && NOT_AN_ITEM.has(error.code)) return undefined;
      throw error;
    }
  }
}

import type { UnitTree } from "../../domain/units.ts";
import type { Database } from "../../store/database.ts";
import { deliveryCountsByEndpoint, listDeliveries, type WebhookDeliveryRecord } from "../../store/webhookDeliveries.ts";
import { deliveryFields, endpointList } from "../webhooks/admin.ts";
import { DELIVERY_STATUS_LABELS, WEBHOOK_EVENT_LABELS } from "./texts.ts";

/** How many of each status the page lists: every dead letter and waiting delivery up to a bound, the latest delivered. */
const LISTED = { dead: 200, pending: 100, sending: 100, delivered: 20 } as const;

const unitPath = (units: UnitTree, unitId: string) =>
  units
    .ancestry(unitId)
    .map((unit) => unit.name)
    .reverse()
    .join(" / ") || unitId;

/** A delivery as 运维 shows it: its event, the receiver's last answer and the attempts; not the document. */
function deliveryRow(delivery: WebhookDeliveryRecord) {
  return {
    ...deliveryFields(delivery),
    typeName: WEBHOOK_EVENT_LABELS[delivery.type] ?? delivery.type,
    statusName: DELIVERY_STATUS_LABELS[delivery.status] ?? delivery.status,
  };
}

/**
 * The webhook endpoints (never their secrets) with their deliveries' counts by status, and the deliveries to
 * look at: dead letters, what still waits or is being sent, the latest delivered.
 */
export async function webhookOverview(db: Database, units: UnitTree) {
  const [endpoints, counts, ...lists] = await Promise.all([
    endpointList(db),
    deliveryCountsByEndpoint(db),
    ...Object.entries(LISTED).map(([status, limit]) => listDeliveries(db, { status }, limit)),
  ]);
  const deliveries = lists.flat();
  return {
    endpoints: endpoints.map((endpoint) => {
      const count = (status: string) => counts.find((row) => row.endpointId === endpoint.id && row.status === status)?.count ?? 0;
      return {
        ...endpoint,
        unit: unitPath(units, endpoint.unitId),
        eventNames: endpoint.events.map((type) => WEBHOOK_EVENT_LABELS[type] ?? type),
        counts: { pending: count("pending"), sending: count("sending"), delivered: count("delivered"), dead: count("dead") },
        deliveries: deliveries.filter((delivery) => delivery.endpointId === endpoint.id).map(deliveryRow),
      };
    }),
  };
}

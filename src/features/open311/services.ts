import type { Category } from "../../bot/taxonomy.ts";
import { OTHER_GROUP, SERVICE_DESCRIPTIONS, SERVICE_GROUPS, serviceDescriptionOf } from "./texts.ts";

/** One service of GeoReport v2's service list. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: "realtime";
  keywords: string;
  group: string;
}

const KEYWORDS_SHOWN = 12;

/**
 * Our categories as GeoReport v2 services: the code is the category's stable id (docs/labelling.md), the name
 * and description in Chinese. No service takes extra attributes (metadata false), and every report is read and
 * filed at once (realtime).
 */
export function servicesOf(categories: readonly Category[]): Open311Service[] {
  return categories.map((category) => ({
    service_code: category.id,
    service_name: category.name,
    description: SERVICE_DESCRIPTIONS[category.id] ?? serviceDescriptionOf(category.name),
    metadata: false,
    type: "realtime",
    keywords: category.keywords.slice(0, KEYWORDS_SHOWN).join(","),
    group: SERVICE_GROUPS[category.id] ?? OTHER_GROUP,
  }));
}

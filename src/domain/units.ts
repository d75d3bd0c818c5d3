import { LEVELS, type Level } from "./types.ts";

export interface UnitNode {
  id: string;
  name: string;
  level: Level;
  parentId: string | null;
}

/** The unit tree (区县 → 街道 → 社区 → 小区), for walking up and down without a database. */
export class UnitTree {
  private readonly byId: Map<string, UnitNode>;

  constructor(units: readonly UnitNode[]) {
    this.byId = new Map(units.map((unit) => [unit.id, unit]));
  }

  get(id: string): UnitNode | undefined {
    return this.byId.get(id);
  }

  /** The unit and its ancestors, nearest first. */
  ancestry(id: string): UnitNode[] {
    const chain: UnitNode[] = [];
    const seen = new Set<string>();
    for (let unit = this.byId.get(id); unit && !seen.has(unit.id); unit = unit.parentId ? this.byId.get(unit.parentId) : undefined) {
      seen.add(unit.id);
      chain.push(unit);
    }
    return chain;
  }

  /** The unit and everything below it. */
  subtreeIds(id: string): Set<string> {
    const ids = new Set<string>([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const unit of this.byId.values()) {
        if (unit.parentId && ids.has(unit.parentId) && !ids.has(unit.id)) {
          ids.add(unit.id);
          grew = true;
        }
      }
    }
    return ids;
  }

  /** The nearest unit at or above `id` whose level is at least `level`; the top unit if none is. */
  handlingUnitAt(id: string, level: Level): UnitNode | undefined {
    const chain = this.ancestry(id);
    return chain.find((unit) => LEVELS.indexOf(unit.level) >= LEVELS.indexOf(level)) ?? chain.at(-1);
  }

  /** The unit one level up the escalation ladder from `id`, or null at the top. */
  escalationTarget(id: string): UnitNode | null {
    const unit = this.byId.get(id);
    return unit?.parentId ? (this.byId.get(unit.parentId) ?? null) : null;
  }
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kyselyTypes, modelsOf, schemaFile, typesFile } from "../../scripts/db/kysely-types.ts";

describe("the store's table types (src/store/schema.ts)", () => {
  it("are current with prisma/schema.prisma (run npx tsx scripts/db/kysely-types.ts after a schema change)", async () => {
    expect(readFileSync(typesFile, "utf8")).toBe(await kyselyTypes(readFileSync(schemaFile, "utf8")));
  });

  it("read scalar columns only, with what the database fills in as Generated and now() left to the store", () => {
    const models = modelsOf(`model Thing {
  id        Int      @id @default(autoincrement())
  name      String?
  tags      Tag[]
  parent    Thing?   @relation(fields: [parentId], references: [id])
  parentId  Int?
  createdAt DateTime @default(now())
  done      Boolean  @default(false)
  @@index([name])
}`);
    expect(models.get("Thing")).toEqual([
      { name: "id", type: "number", nullable: false, generated: true },
      { name: "name", type: "string", nullable: true, generated: false },
      { name: "parentId", type: "number", nullable: true, generated: false },
      { name: "createdAt", type: "Date", nullable: false, generated: false },
      { name: "done", type: "boolean", nullable: false, generated: true },
    ]);
  });
});

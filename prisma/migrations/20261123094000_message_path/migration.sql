-- CreateTable
CREATE TABLE "OrgRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "structure" INTEGER NOT NULL DEFAULT 0,
    "members" INTEGER NOT NULL DEFAULT 0
);

INSERT INTO "OrgRevision" ("id", "structure", "members") VALUES (1, 0, 0);

-- Any change to the organisation, by any process, bumps a counter the in-memory directory checks.
CREATE TRIGGER "Unit_insert_revision" AFTER INSERT ON "Unit" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Unit_update_revision" AFTER UPDATE ON "Unit" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Unit_delete_revision" AFTER DELETE ON "Unit" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Group_insert_revision" AFTER INSERT ON "Group" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Group_update_revision" AFTER UPDATE ON "Group" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Group_delete_revision" AFTER DELETE ON "Group" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Member_insert_revision" AFTER INSERT ON "Member" BEGIN UPDATE "OrgRevision" SET "members" = "members" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Member_update_revision" AFTER UPDATE ON "Member" BEGIN UPDATE "OrgRevision" SET "members" = "members" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Member_delete_revision" AFTER DELETE ON "Member" BEGIN UPDATE "OrgRevision" SET "members" = "members" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Membership_insert_revision" AFTER INSERT ON "Membership" BEGIN UPDATE "OrgRevision" SET "members" = "members" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Membership_update_revision" AFTER UPDATE ON "Membership" BEGIN UPDATE "OrgRevision" SET "members" = "members" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Membership_delete_revision" AFTER DELETE ON "Membership" BEGIN UPDATE "OrgRevision" SET "members" = "members" + 1 WHERE "id" = 1; END;

-- CreateIndex
CREATE INDEX "Ticket_unitId_building_createdAt_idx" ON "Ticket"("unitId", "building", "createdAt");

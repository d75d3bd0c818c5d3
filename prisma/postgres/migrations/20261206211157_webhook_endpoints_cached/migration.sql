-- DropForeignKey
ALTER TABLE "WebhookDelivery" DROP CONSTRAINT "WebhookDelivery_endpointId_fkey";


-- The webhook endpoints are cached with the organisation (store/directory.ts): their changes bump its revision.
CREATE TRIGGER "WebhookEndpoint_insert_revision" AFTER INSERT ON "WebhookEndpoint" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "WebhookEndpoint_update_revision" AFTER UPDATE ON "WebhookEndpoint" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "WebhookEndpoint_delete_revision" AFTER DELETE ON "WebhookEndpoint" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "WebhookEndpoint_truncate_revision" AFTER TRUNCATE ON "WebhookEndpoint" FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');

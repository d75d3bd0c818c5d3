-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentId" TEXT,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "pushKey" TEXT,
    "pushSecret" TEXT,
    "calendarToken" TEXT,
    "reminderOffsets" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "groupId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("groupId","memberId")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "replies" TEXT NOT NULL,
    "refused" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotPost" (
    "id" SERIAL NOT NULL,
    "groupId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "kind" TEXT NOT NULL,
    "inboundMessageId" INTEGER,
    "ticketNumber" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'sandbox',
    "target" TEXT,
    "targetExpiresAt" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'sent',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "leaseUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "card" TEXT,
    "actionId" TEXT,

    CONSTRAINT "BotPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "number" SERIAL NOT NULL,
    "groupId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "handlingUnitId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "filedById" TEXT,
    "reporterUnknown" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "colour" TEXT NOT NULL,
    "building" TEXT,
    "unitNo" TEXT,
    "room" TEXT,
    "locationText" TEXT,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "resultNote" TEXT,
    "assigneeName" TEXT,
    "assigneeId" TEXT,
    "rating" TEXT,
    "ratingComment" TEXT,
    "acceptDueAt" TIMESTAMPTZ(3) NOT NULL,
    "resolveDueAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "lastChasedAt" TIMESTAMPTZ(3),
    "ratingRemindedAt" TIMESTAMPTZ(3),
    "suggestedDepartment" TEXT,
    "markedForMeetingAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" SERIAL NOT NULL,
    "ticketNumber" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "ticketNumber" INTEGER NOT NULL,
    "eventId" INTEGER,
    "inboundMessageId" INTEGER,
    "kind" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaderId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketFollower" (
    "ticketNumber" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "text" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TicketFollower_pkey" PRIMARY KEY ("ticketNumber","memberId")
);

-- CreateTable
CREATE TABLE "PointEntry" (
    "id" SERIAL NOT NULL,
    "memberId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ticketNumber" INTEGER,
    "awardedById" TEXT,
    "dedupeKey" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PointEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledSend" (
    "key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScheduledSend_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CallbackSeen" (
    "key" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CallbackSeen_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "number" SERIAL NOT NULL,
    "groupId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "cancelReason" TEXT,
    "recurringRuleId" INTEGER,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedAt" TIMESTAMPTZ(3),
    "publishChasedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" SERIAL NOT NULL,
    "meetingNumber" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ticketNumber" INTEGER,
    "addedById" TEXT NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL,
    "decision" TEXT,
    "ownerName" TEXT,
    "ownerId" TEXT,
    "dueAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" TEXT,
    "doneAt" TIMESTAMPTZ(3),
    "doneNote" TEXT,
    "lastChasedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingSignup" (
    "meetingNumber" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MeetingSignup_pkey" PRIMARY KEY ("meetingNumber","memberId")
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "meetingNumber" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "checkedInById" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("meetingNumber","memberId")
);

-- CreateTable
CREATE TABLE "MeetingReminder" (
    "id" SERIAL NOT NULL,
    "meetingNumber" INTEGER NOT NULL,
    "offsetMinutes" INTEGER NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "MeetingReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecurringMeeting" (
    "id" SERIAL NOT NULL,
    "groupId" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RecurringMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelCorrection" (
    "id" SERIAL NOT NULL,
    "ticketNumber" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "fromValue" TEXT NOT NULL,
    "toValue" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LabelCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgRevision" (
    "id" INTEGER NOT NULL,
    "structure" INTEGER NOT NULL DEFAULT 0,
    "members" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrgRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_name_idx" ON "Unit"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Group_calendarToken_key" ON "Group"("calendarToken");

-- CreateIndex
CREATE INDEX "Group_unitId_idx" ON "Group"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Group_platform_chatId_key" ON "Group"("platform", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_platform_platformUserId_key" ON "Member"("platform", "platformUserId");

-- CreateIndex
CREATE INDEX "Membership_memberId_idx" ON "Membership"("memberId");

-- CreateIndex
CREATE INDEX "InboundMessage_groupId_receivedAt_idx" ON "InboundMessage"("groupId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_platform_messageId_key" ON "InboundMessage"("platform", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "BotPost_actionId_key" ON "BotPost"("actionId");

-- CreateIndex
CREATE INDEX "BotPost_groupId_createdAt_idx" ON "BotPost"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "BotPost_status_nextAttemptAt_idx" ON "BotPost"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Ticket_unitId_status_idx" ON "Ticket"("unitId", "status");

-- CreateIndex
CREATE INDEX "Ticket_reporterId_idx" ON "Ticket"("reporterId");

-- CreateIndex
CREATE INDEX "Ticket_status_idx" ON "Ticket"("status");

-- CreateIndex
CREATE INDEX "Ticket_status_resolveDueAt_idx" ON "Ticket"("status", "resolveDueAt");

-- CreateIndex
CREATE INDEX "Ticket_status_acceptDueAt_idx" ON "Ticket"("status", "acceptDueAt");

-- CreateIndex
CREATE INDEX "Ticket_status_resolvedAt_idx" ON "Ticket"("status", "resolvedAt");

-- CreateIndex
CREATE INDEX "Ticket_unitId_building_createdAt_idx" ON "Ticket"("unitId", "building", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_unitId_createdAt_idx" ON "Ticket"("unitId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketNumber_at_idx" ON "TicketEvent"("ticketNumber", "at");

-- CreateIndex
CREATE INDEX "Attachment_ticketNumber_idx" ON "Attachment"("ticketNumber");

-- CreateIndex
CREATE INDEX "Attachment_eventId_idx" ON "Attachment"("eventId");

-- CreateIndex
CREATE INDEX "Attachment_inboundMessageId_idx" ON "Attachment"("inboundMessageId");

-- CreateIndex
CREATE INDEX "TicketFollower_memberId_idx" ON "TicketFollower"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PointEntry_dedupeKey_key" ON "PointEntry"("dedupeKey");

-- CreateIndex
CREATE INDEX "PointEntry_memberId_at_idx" ON "PointEntry"("memberId", "at");

-- CreateIndex
CREATE INDEX "PointEntry_unitId_memberId_idx" ON "PointEntry"("unitId", "memberId");

-- CreateIndex
CREATE INDEX "CallbackSeen_expiresAt_idx" ON "CallbackSeen"("expiresAt");

-- CreateIndex
CREATE INDEX "Meeting_groupId_startsAt_idx" ON "Meeting"("groupId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_recurringRuleId_startsAt_key" ON "Meeting"("recurringRuleId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_meetingNumber_seq_key" ON "AgendaItem"("meetingNumber", "seq");

-- CreateIndex
CREATE INDEX "MeetingReminder_status_dueAt_idx" ON "MeetingReminder"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingReminder_meetingNumber_offsetMinutes_key" ON "MeetingReminder"("meetingNumber", "offsetMinutes");

-- CreateIndex
CREATE INDEX "RecurringMeeting_groupId_idx" ON "RecurringMeeting"("groupId");

-- CreateIndex
CREATE INDEX "LabelCorrection_at_idx" ON "LabelCorrection"("at");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketNumber_fkey" FOREIGN KEY ("ticketNumber") REFERENCES "Ticket"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_ticketNumber_fkey" FOREIGN KEY ("ticketNumber") REFERENCES "Ticket"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "TicketEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketFollower" ADD CONSTRAINT "TicketFollower_ticketNumber_fkey" FOREIGN KEY ("ticketNumber") REFERENCES "Ticket"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_meetingNumber_fkey" FOREIGN KEY ("meetingNumber") REFERENCES "Meeting"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSignup" ADD CONSTRAINT "MeetingSignup_meetingNumber_fkey" FOREIGN KEY ("meetingNumber") REFERENCES "Meeting"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_meetingNumber_fkey" FOREIGN KEY ("meetingNumber") REFERENCES "Meeting"("number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingReminder" ADD CONSTRAINT "MeetingReminder_meetingNumber_fkey" FOREIGN KEY ("meetingNumber") REFERENCES "Meeting"("number") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The directory's revision counters start at zero (on SQLite: migration 20261123094000_message_path).
INSERT INTO "OrgRevision" ("id", "structure", "members") VALUES (1, 0, 0);

-- Any change to the organisation, by any instance, bumps a counter the in-memory directory checks, and tells
-- every listening instance at once: pg_notify('org_revision', '{"structure":…,"members":…}') is delivered on
-- commit (never on rollback). One bump per statement that changed rows: the SQLite triggers bump per row;
-- what the directory reads is only that the counter moved.
CREATE FUNCTION "org_revision_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  revision "OrgRevision"%ROWTYPE;
BEGIN
  IF TG_OP <> 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM changed) THEN
    RETURN NULL;
  END IF;
  IF TG_ARGV[0] = 'structure' THEN
    UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1 RETURNING * INTO revision;
  ELSE
    UPDATE "OrgRevision" SET "members" = "members" + 1 WHERE "id" = 1 RETURNING * INTO revision;
  END IF;
  PERFORM pg_notify('org_revision', json_build_object('structure', revision."structure", 'members', revision."members")::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Unit_insert_revision" AFTER INSERT ON "Unit" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "Unit_update_revision" AFTER UPDATE ON "Unit" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "Unit_delete_revision" AFTER DELETE ON "Unit" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "Unit_truncate_revision" AFTER TRUNCATE ON "Unit" FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "Group_insert_revision" AFTER INSERT ON "Group" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "Group_update_revision" AFTER UPDATE ON "Group" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "Group_delete_revision" AFTER DELETE ON "Group" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "Group_truncate_revision" AFTER TRUNCATE ON "Group" FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('structure');
CREATE TRIGGER "Member_insert_revision" AFTER INSERT ON "Member" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('members');
CREATE TRIGGER "Member_update_revision" AFTER UPDATE ON "Member" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('members');
CREATE TRIGGER "Member_delete_revision" AFTER DELETE ON "Member" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('members');
CREATE TRIGGER "Member_truncate_revision" AFTER TRUNCATE ON "Member" FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('members');
CREATE TRIGGER "Membership_insert_revision" AFTER INSERT ON "Membership" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('members');
CREATE TRIGGER "Membership_update_revision" AFTER UPDATE ON "Membership" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('members');
CREATE TRIGGER "Membership_delete_revision" AFTER DELETE ON "Membership" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('members');
CREATE TRIGGER "Membership_truncate_revision" AFTER TRUNCATE ON "Membership" FOR EACH STATEMENT EXECUTE FUNCTION "org_revision_bump"('members');

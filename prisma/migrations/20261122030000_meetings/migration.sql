-- AlterTable
ALTER TABLE "Group" ADD COLUMN "calendarToken" TEXT;
ALTER TABLE "Group" ADD COLUMN "reminderOffsets" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "markedForMeetingAt" DATETIME;

-- CreateTable
CREATE TABLE "Meeting" (
    "number" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "cancelReason" TEXT,
    "recurringRuleId" INTEGER,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "publishChasedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingNumber" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ticketNumber" INTEGER,
    "addedById" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL,
    "decision" TEXT,
    "ownerName" TEXT,
    "ownerId" TEXT,
    "dueAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "doneAt" DATETIME,
    "doneNote" TEXT,
    "lastChasedAt" DATETIME,
    CONSTRAINT "AgendaItem_meetingNumber_fkey" FOREIGN KEY ("meetingNumber") REFERENCES "Meeting" ("number") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingSignup" (
    "meetingNumber" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("meetingNumber", "memberId"),
    CONSTRAINT "MeetingSignup_meetingNumber_fkey" FOREIGN KEY ("meetingNumber") REFERENCES "Meeting" ("number") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "meetingNumber" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "checkedInById" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("meetingNumber", "memberId"),
    CONSTRAINT "MeetingAttendance_meetingNumber_fkey" FOREIGN KEY ("meetingNumber") REFERENCES "Meeting" ("number") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingReminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingNumber" INTEGER NOT NULL,
    "offsetMinutes" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "doneAt" DATETIME,
    CONSTRAINT "MeetingReminder_meetingNumber_fkey" FOREIGN KEY ("meetingNumber") REFERENCES "Meeting" ("number") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecurringMeeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

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
CREATE UNIQUE INDEX "Group_calendarToken_key" ON "Group"("calendarToken");


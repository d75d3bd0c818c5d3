-- AlterTable
ALTER TABLE "PointEntry" ADD COLUMN "meetingNumber" INTEGER;

-- AlterTable
ALTER TABLE "RewardItem" ADD COLUMN "handOverMemberId" TEXT;


-- Data: the meeting of the 签到 entries written before the column, read from their dedupe keys
-- ("meeting_attended:<number>:<member>", "meeting_cancelled:<number>:<member>").
UPDATE "PointEntry"
SET "meetingNumber" = CAST(substr("dedupeKey", instr("dedupeKey", ':') + 1, instr(substr("dedupeKey", instr("dedupeKey", ':') + 1), ':') - 1) AS INTEGER)
WHERE "kind" IN ('meeting_attended', 'meeting_cancelled') AND "dedupeKey" IS NOT NULL;

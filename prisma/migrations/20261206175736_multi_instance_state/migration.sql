-- CreateTable
CREATE TABLE "JobRun" (
    "claim" TEXT NOT NULL PRIMARY KEY,
    "job" TEXT NOT NULL,
    "tick" DATETIME NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "runner" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "result" TEXT,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "JobLock" (
    "job" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT,
    "heldUntil" DATETIME
);

-- CreateTable
CREATE TABLE "ServerSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Blob" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "bytes" BLOB NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "JobRun_job_tick_idx" ON "JobRun"("job", "tick");


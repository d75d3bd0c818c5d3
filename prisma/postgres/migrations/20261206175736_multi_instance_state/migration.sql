-- CreateTable
CREATE TABLE "JobRun" (
    "claim" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "tick" TIMESTAMPTZ(3) NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "runner" TEXT NOT NULL,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "result" TEXT,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("claim")
);

-- CreateTable
CREATE TABLE "JobLock" (
    "job" TEXT NOT NULL,
    "holder" TEXT,
    "heldUntil" TIMESTAMPTZ(3),

    CONSTRAINT "JobLock_pkey" PRIMARY KEY ("job")
);

-- CreateTable
CREATE TABLE "ServerSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServerSecret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Blob" (
    "key" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Blob_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "JobRun_job_tick_idx" ON "JobRun"("job", "tick");


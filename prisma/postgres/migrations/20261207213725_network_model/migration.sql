-- CreateTable
CREATE TABLE "ModelResultCache" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelResultCache_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "FrozenForecast" (
    "proposalId" TEXT NOT NULL,
    "configVersion" INTEGER NOT NULL,
    "frozenAt" TIMESTAMP(3) NOT NULL,
    "payload" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "FrozenForecast_pkey" PRIMARY KEY ("proposalId")
);

-- CreateTable
CREATE TABLE "ExploreRun" (
    "id" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Queued',
    "requestedById" TEXT,
    "baseVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "evaluated" INTEGER NOT NULL DEFAULT 0,
    "planned" INTEGER NOT NULL,
    "candidates" TEXT,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),

    CONSTRAINT "ExploreRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModelResultCache_createdAt_idx" ON "ModelResultCache"("createdAt");

-- CreateIndex
CREATE INDEX "ExploreRun_status_createdAt_idx" ON "ExploreRun"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "FrozenForecast" ADD CONSTRAINT "FrozenForecast_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;


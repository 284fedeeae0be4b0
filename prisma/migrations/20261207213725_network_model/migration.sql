-- CreateTable
CREATE TABLE "ModelResultCache" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FrozenForecast" (
    "proposalId" TEXT NOT NULL PRIMARY KEY,
    "configVersion" INTEGER NOT NULL,
    "frozenAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    CONSTRAINT "FrozenForecast_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExploreRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "goal" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Queued',
    "requestedById" TEXT,
    "baseVersion" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "evaluated" INTEGER NOT NULL DEFAULT 0,
    "planned" INTEGER NOT NULL,
    "candidates" TEXT,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ModelResultCache_createdAt_idx" ON "ModelResultCache"("createdAt");

-- CreateIndex
CREATE INDEX "ExploreRun_status_createdAt_idx" ON "ExploreRun"("status", "createdAt");


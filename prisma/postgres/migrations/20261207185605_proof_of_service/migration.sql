-- AlterTable
ALTER TABLE "Epoch" ADD COLUMN     "blockedReason" TEXT,
ADD COLUMN     "corroboratedBytesUp" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "paidBytesUp" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'Computed';

-- AlterTable
ALTER TABLE "RewardLedgerEntry" ADD COLUMN     "clusterPrefix" TEXT,
ADD COLUMN     "corroboratedBytesUp" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "paidBytesUp" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "NodeHourlyPresence" (
    "nodeId" TEXT NOT NULL,
    "hourStart" TIMESTAMP(3) NOT NULL,
    "requests" INTEGER NOT NULL,

    CONSTRAINT "NodeHourlyPresence_pkey" PRIMARY KEY ("nodeId","hourStart")
);

-- CreateTable
CREATE TABLE "NodePeerDayTraffic" (
    "nodeId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "peerNodeId" TEXT NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,

    CONSTRAINT "NodePeerDayTraffic_pkey" PRIMARY KEY ("nodeId","day","peerNodeId")
);

-- CreateIndex
CREATE INDEX "NodeHourlyPresence_hourStart_idx" ON "NodeHourlyPresence"("hourStart");

-- CreateIndex
CREATE INDEX "NodePeerDayTraffic_day_idx" ON "NodePeerDayTraffic"("day");

-- AddForeignKey
ALTER TABLE "NodeHourlyPresence" ADD CONSTRAINT "NodeHourlyPresence_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodePeerDayTraffic" ADD CONSTRAINT "NodePeerDayTraffic_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: epochs computed before peer corroboration paid every claimed byte, so their paid bytes are their claimed bytes
UPDATE "Epoch" SET "paidBytesUp" = "bytesUp";
UPDATE "RewardLedgerEntry" SET "paidBytesUp" = "bytesUp";

-- Backfill: presence before it was recorded is read from the hours the rollups hold reports for
INSERT INTO "NodeHourlyPresence" ("nodeId", "hourStart", "requests")
SELECT "nodeId", "hourStart", "samples" FROM "NodeHourlyRollup" WHERE "samples" > 0;

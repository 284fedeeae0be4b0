-- AlterTable
ALTER TABLE "Network" ADD COLUMN     "clusterIdSecret" TEXT;

-- AlterTable
ALTER TABLE "TelemetrySample" ADD COLUMN     "clusterPrefix" TEXT,
ADD COLUMN     "sourceAddress" TEXT;

-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "firstReportedPrefix" TEXT;

-- AlterTable
ALTER TABLE "RoundVoter" ALTER COLUMN "budget" SET DATA TYPE BIGINT;

-- AlterTable
-- Rounds opened before clusters gave C × n per operator: its nodes as one cluster of their own, named by the operator.
ALTER TABLE "RoundEligibleNode" ADD COLUMN     "clusterId" TEXT;
UPDATE "RoundEligibleNode" SET "clusterId" = "operatorId";
ALTER TABLE "RoundEligibleNode" ALTER COLUMN "clusterId" SET NOT NULL;

-- AlterTable
ALTER TABLE "Ballot" ADD COLUMN     "sourcePrefix" TEXT,
ALTER COLUMN "cost" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "NodeHourlyRollup" ADD COLUMN     "clusterPrefix" TEXT;

-- CreateTable
CREATE TABLE "NodeHourlyPrefixCount" (
    "nodeId" TEXT NOT NULL,
    "hourStart" TIMESTAMP(3) NOT NULL,
    "clusterPrefix" TEXT NOT NULL,
    "reports" INTEGER NOT NULL,

    CONSTRAINT "NodeHourlyPrefixCount_pkey" PRIMARY KEY ("nodeId","hourStart","clusterPrefix")
);

-- CreateIndex
CREATE INDEX "NodeHourlyPrefixCount_hourStart_idx" ON "NodeHourlyPrefixCount"("hourStart");

-- CreateIndex
CREATE INDEX "RoundEligibleNode_roundId_clusterId_idx" ON "RoundEligibleNode"("roundId", "clusterId");

-- AddForeignKey
ALTER TABLE "NodeHourlyPrefixCount" ADD CONSTRAINT "NodeHourlyPrefixCount_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "Network" ADD COLUMN "clusterIdSecret" TEXT;

-- AlterTable
ALTER TABLE "TelemetrySample" ADD COLUMN "clusterPrefix" TEXT;
ALTER TABLE "TelemetrySample" ADD COLUMN "sourceAddress" TEXT;

-- AlterTable
ALTER TABLE "Node" ADD COLUMN "firstReportedPrefix" TEXT;

-- AlterTable
ALTER TABLE "NodeHourlyRollup" ADD COLUMN "clusterPrefix" TEXT;

-- CreateTable
CREATE TABLE "NodeHourlyPrefixCount" (
    "nodeId" TEXT NOT NULL,
    "hourStart" DATETIME NOT NULL,
    "clusterPrefix" TEXT NOT NULL,
    "reports" INTEGER NOT NULL,

    PRIMARY KEY ("nodeId", "hourStart", "clusterPrefix"),
    CONSTRAINT "NodeHourlyPrefixCount_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RoundVoter" (
    "roundId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "eligibleNodes" INTEGER NOT NULL,
    "budget" BIGINT NOT NULL,
    "countedBallotId" TEXT,

    PRIMARY KEY ("roundId", "operatorId"),
    CONSTRAINT "RoundVoter_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundVoter_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoundVoter_countedBallotId_fkey" FOREIGN KEY ("countedBallotId") REFERENCES "Ballot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RoundVoter" ("budget", "countedBallotId", "eligibleNodes", "operatorId", "roundId") SELECT "budget", "countedBallotId", "eligibleNodes", "operatorId", "roundId" FROM "RoundVoter";
DROP TABLE "RoundVoter";
ALTER TABLE "new_RoundVoter" RENAME TO "RoundVoter";
CREATE UNIQUE INDEX "RoundVoter_countedBallotId_key" ON "RoundVoter"("countedBallotId");
CREATE INDEX "RoundVoter_operatorId_idx" ON "RoundVoter"("operatorId");
CREATE TABLE "new_RoundEligibleNode" (
    "roundId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,

    PRIMARY KEY ("roundId", "nodeId"),
    CONSTRAINT "RoundEligibleNode_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundEligibleNode_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Rounds opened before clusters gave C × n per operator: its nodes as one cluster of their own, named by the operator.
INSERT INTO "new_RoundEligibleNode" ("nodeId", "operatorId", "roundId", "clusterId") SELECT "nodeId", "operatorId", "roundId", "operatorId" FROM "RoundEligibleNode";
DROP TABLE "RoundEligibleNode";
ALTER TABLE "new_RoundEligibleNode" RENAME TO "RoundEligibleNode";
CREATE INDEX "RoundEligibleNode_roundId_operatorId_idx" ON "RoundEligibleNode"("roundId", "operatorId");
CREATE INDEX "RoundEligibleNode_roundId_clusterId_idx" ON "RoundEligibleNode"("roundId", "clusterId");
CREATE TABLE "new_Ballot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "operatorId" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "allocations" TEXT NOT NULL,
    "cost" BIGINT NOT NULL,
    "prevReceipt" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nodeId" TEXT,
    "sourcePrefix" TEXT,
    "replacedAt" DATETIME,
    CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Ballot_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Ballot" ("allocations", "cost", "id", "nodeId", "operatorId", "prevReceipt", "receipt", "replacedAt", "roundId", "seq", "source", "submittedAt") SELECT "allocations", "cost", "id", "nodeId", "operatorId", "prevReceipt", "receipt", "replacedAt", "roundId", "seq", "source", "submittedAt" FROM "Ballot";
DROP TABLE "Ballot";
ALTER TABLE "new_Ballot" RENAME TO "Ballot";
CREATE UNIQUE INDEX "Ballot_receipt_key" ON "Ballot"("receipt");
CREATE INDEX "Ballot_roundId_operatorId_idx" ON "Ballot"("roundId", "operatorId");
CREATE UNIQUE INDEX "Ballot_roundId_seq_key" ON "Ballot"("roundId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "NodeHourlyPrefixCount_hourStart_idx" ON "NodeHourlyPrefixCount"("hourStart");


-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EnrolmentToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operatorId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "maxUses" INTEGER NOT NULL,
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "allowsPrivateEndpoint" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "EnrolmentToken_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_EnrolmentToken" ("createdAt", "expiresAt", "id", "label", "maxUses", "operatorId", "revokedAt", "tokenHash", "usedCount") SELECT "createdAt", "expiresAt", "id", "label", "maxUses", "operatorId", "revokedAt", "tokenHash", "usedCount" FROM "EnrolmentToken";
DROP TABLE "EnrolmentToken";
ALTER TABLE "new_EnrolmentToken" RENAME TO "EnrolmentToken";
CREATE UNIQUE INDEX "EnrolmentToken_tokenHash_key" ON "EnrolmentToken"("tokenHash");
CREATE INDEX "EnrolmentToken_operatorId_idx" ON "EnrolmentToken"("operatorId");
CREATE TABLE "new_Node" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operatorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameSearch" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Active',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME,
    "reportedConfigVersion" INTEGER,
    "endpointUrl" TEXT,
    "webhookSecret" TEXT,
    "enrolmentTokenId" TEXT,
    "verifiedAt" DATETIME,
    "firstReportedAt" DATETIME,
    "allowsPrivateEndpoint" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Node_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Node_enrolmentTokenId_fkey" FOREIGN KEY ("enrolmentTokenId") REFERENCES "EnrolmentToken" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Node" ("createdAt", "endpointUrl", "enrolmentTokenId", "firstReportedAt", "id", "lastSeenAt", "name", "nameSearch", "operatorId", "publicKey", "region", "reportedConfigVersion", "status", "verifiedAt", "webhookSecret") SELECT "createdAt", "endpointUrl", "enrolmentTokenId", "firstReportedAt", "id", "lastSeenAt", "name", "nameSearch", "operatorId", "publicKey", "region", "reportedConfigVersion", "status", "verifiedAt", "webhookSecret" FROM "Node";
DROP TABLE "Node";
ALTER TABLE "new_Node" RENAME TO "Node";
CREATE UNIQUE INDEX "Node_publicKey_key" ON "Node"("publicKey");
CREATE INDEX "Node_operatorId_idx" ON "Node"("operatorId");
CREATE INDEX "Node_nameSearch_idx" ON "Node"("nameSearch");
CREATE INDEX "Node_status_idx" ON "Node"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


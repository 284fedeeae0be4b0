-- CreateTable
CREATE TABLE "TwoFactor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "secret" TEXT NOT NULL,
    "backupCodes" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "verified" BOOLEAN NOT NULL DEFAULT true,
    "failedVerificationCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    CONSTRAINT "TwoFactor_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PlatformKey" (
    "keyId" TEXT NOT NULL PRIMARY KEY,
    "publicKey" TEXT NOT NULL,
    "privateKeyPem" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME,
    "validUntil" DATETIME
);
INSERT INTO "new_PlatformKey" ("createdAt", "keyId", "privateKeyPem", "publicKey", "retiredAt", "validUntil") SELECT "createdAt", "keyId", "privateKeyPem", "publicKey", "retiredAt", "validUntil" FROM "PlatformKey";
DROP TABLE "PlatformKey";
ALTER TABLE "new_PlatformKey" RENAME TO "PlatformKey";
CREATE UNIQUE INDEX "PlatformKey_publicKey_key" ON "PlatformKey"("publicKey");
CREATE TABLE "new_Operator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" TEXT NOT NULL DEFAULT 'operator',
    "region" TEXT,
    "twoFactorEnabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Operator" ("createdAt", "displayName", "email", "emailVerified", "id", "image", "region", "role", "updatedAt") SELECT "createdAt", "displayName", "email", "emailVerified", "id", "image", "region", "role", "updatedAt" FROM "Operator";
DROP TABLE "Operator";
ALTER TABLE "new_Operator" RENAME TO "Operator";
CREATE UNIQUE INDEX "Operator_email_key" ON "Operator"("email");
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
    "mayVote" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Node_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Node_enrolmentTokenId_fkey" FOREIGN KEY ("enrolmentTokenId") REFERENCES "EnrolmentToken" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Node" ("allowsPrivateEndpoint", "createdAt", "endpointUrl", "enrolmentTokenId", "firstReportedAt", "id", "lastSeenAt", "name", "nameSearch", "operatorId", "publicKey", "region", "reportedConfigVersion", "status", "verifiedAt", "webhookSecret") SELECT "allowsPrivateEndpoint", "createdAt", "endpointUrl", "enrolmentTokenId", "firstReportedAt", "id", "lastSeenAt", "name", "nameSearch", "operatorId", "publicKey", "region", "reportedConfigVersion", "status", "verifiedAt", "webhookSecret" FROM "Node";
DROP TABLE "Node";
ALTER TABLE "new_Node" RENAME TO "Node";
CREATE UNIQUE INDEX "Node_publicKey_key" ON "Node"("publicKey");
CREATE INDEX "Node_operatorId_idx" ON "Node"("operatorId");
CREATE INDEX "Node_nameSearch_idx" ON "Node"("nameSearch");
CREATE INDEX "Node_status_idx" ON "Node"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TwoFactor_operatorId_idx" ON "TwoFactor"("operatorId");

-- CreateIndex
CREATE INDEX "TwoFactor_secret_idx" ON "TwoFactor"("secret");


-- Nodes registered before this migration could always cast ballots, and they keep that right (their
-- operators can withdraw it on the node page). Nodes registered from now on start without it.
UPDATE "Node" SET "mayVote" = true;

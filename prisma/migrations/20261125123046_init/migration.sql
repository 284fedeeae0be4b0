-- CreateTable
CREATE TABLE "Network" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "singleton" BOOLEAN NOT NULL DEFAULT true,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PlatformKey" (
    "keyId" TEXT NOT NULL PRIMARY KEY,
    "publicKey" TEXT NOT NULL,
    "privateKeyPem" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME,
    "validUntil" DATETIME
);

-- CreateTable
CREATE TABLE "ConfigVersion" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "envelope" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "prevSha256" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "activateAt" DATETIME NOT NULL,
    "activatedAt" DATETIME,
    CONSTRAINT "ConfigVersion_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "PlatformKey" ("keyId") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Operator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Node" (
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
    CONSTRAINT "Node_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Network_singleton_key" ON "Network"("singleton");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformKey_publicKey_key" ON "PlatformKey"("publicKey");

-- CreateIndex
CREATE UNIQUE INDEX "ConfigVersion_sha256_key" ON "ConfigVersion"("sha256");

-- CreateIndex
CREATE INDEX "ConfigVersion_activateAt_idx" ON "ConfigVersion"("activateAt");

-- CreateIndex
CREATE UNIQUE INDEX "Node_publicKey_key" ON "Node"("publicKey");

-- CreateIndex
CREATE INDEX "Node_operatorId_idx" ON "Node"("operatorId");

-- CreateIndex
CREATE INDEX "Node_nameSearch_idx" ON "Node"("nameSearch");

-- CreateIndex
CREATE INDEX "Node_status_idx" ON "Node"("status");


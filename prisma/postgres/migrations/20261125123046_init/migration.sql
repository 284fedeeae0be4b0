-- CreateTable
CREATE TABLE "Network" (
    "id" TEXT NOT NULL,
    "singleton" BOOLEAN NOT NULL DEFAULT true,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Network_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformKey" (
    "keyId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKeyPem" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    "validUntil" TIMESTAMP(3),

    CONSTRAINT "PlatformKey_pkey" PRIMARY KEY ("keyId")
);

-- CreateTable
CREATE TABLE "ConfigVersion" (
    "version" INTEGER NOT NULL,
    "envelope" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "prevSha256" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "activateAt" TIMESTAMP(3) NOT NULL,
    "activatedAt" TIMESTAMP(3),

    CONSTRAINT "ConfigVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "Operator" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Operator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Node" (
    "id" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameSearch" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3),
    "reportedConfigVersion" INTEGER,

    CONSTRAINT "Node_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ConfigVersion" ADD CONSTRAINT "ConfigVersion_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "PlatformKey"("keyId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Node" ADD CONSTRAINT "Node_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "EnrolmentToken" ADD COLUMN     "allowsPrivateEndpoint" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "allowsPrivateEndpoint" BOOLEAN NOT NULL DEFAULT false;


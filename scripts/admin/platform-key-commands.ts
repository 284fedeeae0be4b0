import { PLATFORM_KEY_OVERLAP_DAYS } from "../../lib/domain/config/platform-key-rotation";
import { say, UsageError, wholeNumber, type AdminCommand } from "./admin-command";

const { min, max, default: defaultDays } = PLATFORM_KEY_OVERLAP_DAYS;

/** The platform's signing key: rotation. */
export const PLATFORM_KEY_COMMANDS: Record<string, AdminCommand> = {
  "rotate-platform-key": {
    summary:
      "Make a new platform signing key; nodes learn it from a config version signed by the old key, which stays valid for an overlap period.",
    usage: "rotate-platform-key [--overlap-days N]",
    options: {
      "overlap-days": {
        type: "string",
        help: `days the old key still signs pushes, ${min}-${max} (default ${defaultDays}); afterwards its private key is removed`,
      },
    },
    async run(db, values) {
      const overlapDays = wholeNumber(values, "overlap-days") ?? defaultDays;
      if (overlapDays < min || overlapDays > max) {
        throw new UsageError(`--overlap-days must be a whole number from ${min} to ${max}.`);
      }
      const { rotatePlatformKey } = await import("../../lib/server/governance/rotate-platform-key");
      const { platformKeySetting } = await import("../../lib/server/platform/platform-key-store");
      const rotation = await rotatePlatformKey(db, { now: new Date(), overlapDays });
      const setting = platformKeySetting();
      say(
        `Rotated the platform key: ${rotation.retiredKeyId} → ${rotation.keyId} (public key ${rotation.publicKey}).`,
      );
      say(
        setting.kind === "file"
          ? `The new private key was added to ${setting.path} (mode 0600); back that file up now.`
          : "The new private key is stored in the database (set PLENUM_PLATFORM_KEY_FILE to keep keys outside it).",
      );
      say(
        `Config version ${rotation.version}, signed by ${rotation.retiredKeyId}, announces the new key to every node; the worker pushes it now.`,
      );
      say(
        `${rotation.retiredKeyId} also signs pushes until ${rotation.validUntil.toISOString()}; after that its private key is removed at the next start or rotation.`,
      );
    },
  },
};

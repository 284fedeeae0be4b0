import { isDomainError } from "../../lib/domain/errors";
import { say, UsageError, wholeNumber, type AdminCommand } from "./admin-command";

/** Accounts, roles and enrolment tokens of operators. */
export const OPERATOR_COMMANDS: Record<string, AdminCommand> = {
  "create-admin": {
    summary: "Create an admin account (or promote an existing one with --promote).",
    usage: "create-admin --email <email> --name <display name> --password <password> [--promote]",
    options: {
      email: { type: "string", help: "the admin's email (their sign-in name)", isRequired: true },
      name: { type: "string", help: "display name shown in Plenum" },
      password: { type: "string", help: "10 to 128 characters" },
      promote: { type: "boolean", help: "when the email already has an account, make it admin instead" },
    },
    async run(db, values) {
      const email = String(values.email);
      const { setOperatorRole } = await import("../../lib/server/identity/set-operator-role");
      if (values.promote) {
        const exists = await db.operator.findUnique({
          where: { email: email.trim().toLowerCase() },
          select: { id: true },
        });
        if (exists) {
          const operator = await setOperatorRole(db, { email, role: "admin" });
          say(`${operator.email} (${operator.displayName}) is now an admin (was ${operator.previousRole}).`);
          return;
        }
      }
      if (typeof values.name !== "string" || typeof values.password !== "string") {
        throw new UsageError("create-admin needs --name and --password for a new account.");
      }
      const { createOperatorAccount } = await import("../../lib/server/identity/create-operator-account");
      try {
        const operator = await createOperatorAccount(db, {
          email,
          displayName: values.name,
          password: values.password,
          role: "admin",
          now: new Date(),
        });
        say(`Created admin ${operator.email} (${operator.displayName}). Sign in at /sign-in.`);
      } catch (error) {
        if (isDomainError(error) && error.code === "CONFLICT") {
          throw new Error(`${error.message} Add --promote to make that account an admin.`);
        }
        throw error;
      }
    },
  },
  "grant-steward": {
    summary: "Make an operator a steward (moderation rights).",
    usage: "grant-steward --email <email>",
    options: { email: { type: "string", help: "the operator's email", isRequired: true } },
    async run(db, values) {
      const { setOperatorRole } = await import("../../lib/server/identity/set-operator-role");
      const operator = await setOperatorRole(db, {
        email: String(values.email),
        role: "steward",
        fromRoles: ["operator", "steward"],
      });
      say(`${operator.email} (${operator.displayName}) is now a steward.`);
    },
  },
  "revoke-steward": {
    summary: "Take the steward role away (the account stays an ordinary operator).",
    usage: "revoke-steward --email <email>",
    options: { email: { type: "string", help: "the steward's email", isRequired: true } },
    async run(db, values) {
      const { setOperatorRole } = await import("../../lib/server/identity/set-operator-role");
      const operator = await setOperatorRole(db, {
        email: String(values.email),
        role: "operator",
        fromRoles: ["steward", "operator"],
      });
      say(`${operator.email} (${operator.displayName}) is now an ordinary operator.`);
    },
  },
  "create-token": {
    summary: "Create an enrolment token for an operator's nodes (printed once; store it safely).",
    usage: "create-token --email <email> --label <label> [--uses N] [--expires-hours H]",
    options: {
      email: { type: "string", help: "the operator who will own the enrolled nodes", isRequired: true },
      label: { type: "string", help: "what the token is for, e.g. the machine's name", isRequired: true },
      uses: { type: "string", help: "how many nodes may enrol with it (default 1)" },
      "expires-hours": { type: "string", help: "hours until it expires (default 24, at most 168)" },
    },
    async run(db, values) {
      const email = String(values.email).trim().toLowerCase();
      const operator = await db.operator.findUnique({ where: { email }, select: { id: true } });
      if (!operator) throw new Error(`No operator account uses the email ${email}. Create it first.`);
      const { createEnrolmentToken } = await import("../../lib/server/nodes/enrolment-token-commands");
      const created = await createEnrolmentToken(db, {
        operatorId: operator.id,
        label: String(values.label),
        maxUses: wholeNumber(values, "uses"),
        expiresInHours: wholeNumber(values, "expires-hours"),
        now: new Date(),
      });
      say(
        `Enrolment token "${created.label}" for ${email}: ${created.maxUses} use(s), expires ${created.expiresAt.toISOString()}.`,
      );
      say("Shown once, never again:");
      say(created.token);
    },
  },
};

import type { ComponentProps } from "react";
import { Input } from "@/components/ui/form-controls";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/operator-password";

/** A field for choosing a password: the browser checks the length rule and may offer a generated one. */
export function NewPasswordInput(props: Omit<ComponentProps<"input">, "type">) {
  return (
    <Input
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN_LENGTH}
      maxLength={PASSWORD_MAX_LENGTH}
      {...props}
    />
  );
}

import type { ParameterKey } from "@/lib/domain/parameters/catalogue";
import type { TextField } from "./describe-proposal-step";

/** A problem listed above the wizard's step links to the field it is about by these ids. */
export const valueFieldId = (key: ParameterKey) => `value-${key}`;
export const textFieldId = (field: TextField) => `proposal-${field}`;

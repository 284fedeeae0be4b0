/** Operator passwords are 10 to 128 characters (long passphrases welcome; hashing cost stays bounded). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
